using System.Diagnostics;
using static Sept.Kernel.Tests.ReactiveValueTests;

namespace Sept.Kernel.Tests;

[Collection("kernel")]
public sealed class PoolTests(KernelFixture kernel)
{
    [Fact]
    public async Task Disposing_a_kernel_process_leaves_no_process_behind()
    {
        var process = await KernelProcess.StartAsync(new KernelProcessOptions());
        var pid = process.ProcessId;
        await process.DisposeAsync();
        Assert.True(HasExited(pid));
    }

    [Fact]
    public async Task A_kernel_exits_when_its_parent_disappears()
    {
        using var parent = Process.Start(new ProcessStartInfo("sleep", "120") { UseShellExecute = false })!;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "Sept.Kernel.dll"), "--urls", "http://127.0.0.1:0", "--parent-pid", parent.Id.ToString() })
            start.ArgumentList.Add(arg);
        using var child = Process.Start(start)!;
        try
        {
            Assert.StartsWith(KernelProcess.ReadyPrefix, await child.StandardOutput.ReadLineAsync());
            parent.Kill();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await child.WaitForExitAsync(limit.Token);
            Assert.True(child.HasExited);
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task A_session_compacts_after_its_submission_budget_and_keeps_its_values()
    {
        var options = new KernelPoolOptions { WarmKernels = 0, MaxSubmissions = 8, HealthCheckInterval = TimeSpan.FromMinutes(5) };
        await using var pool = new KernelPool(options);
        var session = await pool.GetSessionAsync("compaction");
        var a = Cells.NewId();
        (await session.CodeAsync(a, "var seed = 7;")).Ok();
        var pid = session.Kernel.ProcessId;
        var reader = Cells.NewId();
        for (var i = 0; i < 8; i++) (await session.CodeAsync(reader, $"seed + {i}", Bind("seed", a))).Ok();

        var after = (await session.CodeAsync(reader, "seed * 6", Bind("seed", a))).Ok();
        Assert.Equal("42", after.Text);
        Assert.NotEqual(pid, session.Kernel.ProcessId);
        Assert.StartsWith("Compaction", session.LastRestore!.Reason);
        Assert.Contains(a, session.LastRestore.ReplayedCellIds);
        Assert.True((await session.StatusAsync()).SubmissionCount < 2 + 1 + 8);
    }

    [Fact]
    public async Task Idle_sessions_are_shut_down()
    {
        await using var pool = new KernelPool(new KernelPoolOptions { WarmKernels = 0, IdleTimeout = TimeSpan.Zero, HealthCheckInterval = TimeSpan.FromMinutes(5) });
        var session = await pool.GetSessionAsync("idle");
        var pid = session.Kernel.ProcessId;
        await pool.MaintainOnceAsync();
        Assert.Empty(pool.Sessions);
        Assert.True(HasExited(pid));
    }

    [Fact]
    public async Task A_dead_kernel_is_replaced_and_its_cells_replayed_on_next_use()
    {
        var session = await kernel.Pool.GetSessionAsync("crash");
        try
        {
            var a = Cells.NewId();
            (await session.CodeAsync(a, "var survivor = 9;")).Ok();
            session.Kernel.Kill();
            var result = (await session.CodeAsync(Cells.NewId(), "survivor", Bind("survivor", a))).Ok();
            Assert.Equal("9", result.Text);
        }
        finally
        {
            await kernel.Pool.CloseSessionAsync("crash");
        }
    }

    [Fact]
    public async Task The_pool_keeps_warm_kernels_ready()
    {
        Assert.Equal(1, kernel.Pool.Options.WarmKernels);
        var taken = await kernel.Pool.TakeWarmAsync();
        try
        {
            Assert.True((await taken.Client.StatusAsync()).Warm);
        }
        finally
        {
            await taken.DisposeAsync();
        }
    }

    private static bool HasExited(int pid)
    {
        try
        {
            using var p = Process.GetProcessById(pid);
            return p.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }
}
