using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Sept.Kernel.Hosting;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Tests;

/// <summary>Kernel containment on real kernel processes (docs/security.md): the secret, the JSON-only rule, the
/// sandbox between kernels, and the resource limits. scripts/test installs bubblewrap; without it these fail.</summary>
[Collection("kernel")]
public sealed class SandboxTests(KernelFixture kernel)
{
    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    [Fact]
    public void Kernels_run_sandboxed_here()
    {
        Assert.True(kernel.Pool.Sandbox.Active, kernel.Pool.Sandbox.Description);
        Assert.False(kernel.Pool.Sandbox.Network);
        Assert.True(kernel.Session.Kernel.IsSandboxed);
    }

    [Fact]
    public async Task A_request_without_the_kernels_secret_is_refused()
    {
        var target = kernel.Session.Kernel;
        using var anonymous = new HttpClient(target.CreateHandler()) { BaseAddress = target.BaseAddress };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("kernel/status")).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", new string('0', target.Secret.Length));
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("kernel/interrupt", null)).StatusCode);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", target.Secret);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("kernel/status")).StatusCode);
    }

    [Fact]
    public async Task A_loopback_kernel_refuses_a_simple_cross_site_request()
    {
        // Unsandboxed (the fallback) a kernel is on a loopback port a web page could post a text/plain form to.
        await using var open = await KernelProcess.StartAsync(new KernelProcessOptions { Sandbox = KernelSandboxMode.Off });
        using var http = new HttpClient { BaseAddress = open.BaseAddress };
        var execute = """{"runId":"r","cellId":"0123456789abcdef0123456789abcdef","kind":"code","source":"1","bindings":{}}""";
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("kernel/execute", new StringContent(execute, Encoding.UTF8, "text/plain"))).StatusCode);
        http.DefaultRequestHeaders.Authorization = new("Bearer", open.Secret);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType,
            (await http.PostAsync("kernel/execute", new StringContent(execute, Encoding.UTF8, "text/plain"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("kernel/execute", new StringContent(execute, Encoding.UTF8, "application/json"))).StatusCode);
    }

    [Fact]
    public async Task A_cell_cannot_reach_another_kernel()
    {
        await using var pool = new KernelPool(new KernelPoolOptions { WarmKernels = 0, HealthCheckInterval = TimeSpan.FromMinutes(5) });
        var victim = await pool.GetSessionAsync("victim");
        var secretCell = Cells.NewId();
        (await victim.CodeAsync(secretCell, "var privateValue = 4242;")).Ok();
        var attacker = await pool.GetSessionAsync("attacker");
        var socket = victim.Kernel.SocketPath!;
        // The victim's socket, its secret and every loopback port: what a cell that found them through /proc would try.
        var probe = (await attacker.CodeAsync($$"""
            var found = new System.Collections.Generic.List<string>();
            var socketPath = {{Literal(socket)}};
            if (System.IO.File.Exists(socketPath)) found.Add("socket visible");
            try
            {
                using var unix = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.Unix, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Unspecified);
                unix.Connect(new System.Net.Sockets.UnixDomainSocketEndPoint(socketPath));
                found.Add("socket connected");
            }
            catch (System.Net.Sockets.SocketException) { }
            var others = System.IO.Directory.GetDirectories("/proc").Select(System.IO.Path.GetFileName).Where(n => n.All(char.IsDigit))
                .Where(n => n != "1" && n != Environment.ProcessId.ToString()) // pid 1: this sandbox's bwrap
                .Where(n => { try { return System.IO.File.ReadAllText($"/proc/{n}/cmdline").Contains("Sept.Kernel"); } catch { return false; } }).Count();
            if (others > 0) found.Add($"{others} other kernel processes");
            var open = System.Net.NetworkInformation.IPGlobalProperties.GetIPGlobalProperties().GetActiveTcpListeners().Length;
            if (open > 0) found.Add($"{open} tcp listeners");
            string.Join(", ", found) + "|" + System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces().Length
            """)).Ok().Text;
        Assert.Equal("|1", probe); // nothing found; the loopback interface is the only one
        Assert.Equal("4242", (await victim.CodeAsync(Cells.NewId(), "privateValue", ReactiveValueTests.Bind("privateValue", secretCell))).Ok().Text);
    }

    [Fact]
    public async Task Without_the_sandbox_a_kernel_that_finds_another_still_needs_its_secret()
    {
        await using var pool = new KernelPool(new KernelPoolOptions
        {
            WarmKernels = 0,
            HealthCheckInterval = TimeSpan.FromMinutes(5),
            Process = { Sandbox = KernelSandboxMode.Off },
        });
        var victim = await pool.GetSessionAsync("victim");
        var attacker = await pool.GetSessionAsync("attacker");
        var answer = (await attacker.CodeAsync($$"""
            var http = new System.Net.Http.HttpClient();
            var content = new System.Net.Http.StringContent("{}", System.Text.Encoding.UTF8, "application/json");
            (int)(await http.PostAsync({{Literal(new Uri(victim.Kernel.BaseAddress, "kernel/forget").ToString())}}, content)).StatusCode
            """)).Ok().Text;
        Assert.Equal("401", answer);
    }

    [Fact]
    public async Task A_cell_over_the_memory_limit_gets_an_error_and_the_kernel_lives_on()
    {
        await using var pool = new KernelPool(new KernelPoolOptions
        {
            WarmKernels = 0,
            HealthCheckInterval = TimeSpan.FromMinutes(5),
            Process = { MemoryLimitBytes = 768L * 1024 * 1024 },
        });
        var session = await pool.GetSessionAsync("memory");
        var pid = session.Kernel.ProcessId;
        var hog = await session.CodeAsync("var chunks = new List<byte[]>(); for (var i = 0; i < 64; i++) chunks.Add(new byte[32 * 1024 * 1024]); chunks.Count");
        Assert.Equal(RunStatus.Error, hog.Status);
        Assert.Contains(hog.Errors, e => e.Ename == nameof(OutOfMemoryException));
        Assert.Equal("2", (await session.CodeAsync("1 + 1")).Ok().Text);
        Assert.Equal(pid, session.Kernel.ProcessId);
    }

    [Fact]
    public async Task At_the_kernel_cap_the_idlest_session_is_closed_and_when_all_are_busy_the_next_is_refused()
    {
        await using var pool = new KernelPool(new KernelPoolOptions { WarmKernels = 0, MaxKernels = 2, HealthCheckInterval = TimeSpan.FromMinutes(5) });
        var first = await pool.GetSessionAsync("first");
        var second = await pool.GetSessionAsync("second");
        (await second.CodeAsync("1")).Ok();
        var third = await pool.GetSessionAsync("third");
        Assert.Equal(["second", "third"], pool.Sessions.Select(s => s.ProjectId).Order());
        Assert.True(first.Kernel.HasExited);

        var busy = new[] { second, third }.Select(s => s.CodeAsync("await Task.Delay(20_000); 1")).ToList();
        while (pool.Sessions.Any(s => !s.IsBusy)) await Task.Delay(50);
        await Assert.ThrowsAsync<KernelCapacityException>(() => pool.GetSessionAsync("fourth"));
        foreach (var s in pool.Sessions) await s.InterruptAsync();
        await Task.WhenAll(busy);
    }

    [Fact]
    public async Task A_cell_whose_task_exits_the_kernel_is_not_replayed_so_the_kernel_is_lost_once()
    {
        await using var pool = new KernelPool(new KernelPoolOptions { WarmKernels = 0, HealthCheckInterval = TimeSpan.FromMinutes(5) });
        var session = await pool.GetSessionAsync("exit");
        var kept = Cells.NewId();
        (await session.CodeAsync(kept, "var kept = 5;")).Ok();
        var killer = Cells.NewId();
        (await session.CodeAsync(killer, "_ = Task.Run(async () => { await Task.Delay(300); Environment.Exit(3); }); 1")).Ok();
        var lost = session.Kernel;
        while (!lost.HasExited) await Task.Delay(50);

        Assert.Equal("6", (await session.CodeAsync(Cells.NewId(), "kept + 1", ReactiveValueTests.Bind("kept", kept))).Ok().Text);
        Assert.Contains(killer, session.LastRestore!.FailedCellIds);
        Assert.DoesNotContain(killer, session.LastRestore.ReplayedCellIds);
        await Task.Delay(1500); // the killer's timer would have fired again by now had it been replayed
        Assert.False(session.Kernel.HasExited);
    }

    [Fact]
    public async Task A_cell_that_exits_its_kernel_fails_and_the_next_cell_runs_on_a_fresh_one()
    {
        await using var pool = new KernelPool(new KernelPoolOptions { WarmKernels = 0, HealthCheckInterval = TimeSpan.FromMinutes(5) });
        var session = await pool.GetSessionAsync("exit-now");
        var exit = await session.CodeAsync("Environment.Exit(0)");
        Assert.Equal(RunStatus.Error, exit.Status);
        Assert.Equal("KernelDied", Assert.Single(exit.Errors).Ename);
        Assert.Equal("2", (await session.CodeAsync("1 + 1")).Ok().Text);
    }
}
