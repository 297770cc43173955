using Sept.Kernel.Protocol;
using static Sept.Kernel.Tests.ReactiveValueTests;

namespace Sept.Kernel.Tests;

/// <summary>Cooperative interrupts, and kill + restore (replay) for cells that ignore them. Each test has its own session.</summary>
[Collection("kernel")]
public sealed class InterruptTests(KernelFixture kernel) : IAsyncLifetime
{
    private readonly string project = $"interrupt-{Guid.NewGuid():N}";
    private KernelSession session = null!;

    public async Task InitializeAsync() => session = await kernel.Pool.GetSessionAsync(project);

    public Task DisposeAsync() => kernel.Pool.CloseSessionAsync(project);

    /// <summary>Starts a cell and returns its collected events once it finishes; <paramref name="whenRunning"/> runs
    /// after the cell's first stdout chunk.</summary>
    private async Task<CellResult> RunInterruptingAsync(ExecuteRequest request, Func<Task> whenRunning)
    {
        var events = new List<KernelEvent>();
        var fired = false;
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await foreach (var e in session.ExecuteAsync(request, limit.Token))
        {
            events.Add(e);
            if (!fired && e is StreamEvent)
            {
                fired = true;
                await whenRunning();
            }
        }
        return new CellResult(events);
    }

    [Fact]
    public async Task A_cell_that_sleeps_through_the_helpers_stops_cooperatively_and_keeps_the_kernel()
    {
        var pid = session.Kernel.ProcessId;
        var outcome = InterruptOutcome.NotRunning;
        var result = await RunInterruptingAsync(
            Cells.Request("code", Cells.NewId(), "Console.WriteLine(\"going\");\nwhile (true) Sleep(50);"),
            async () => outcome = await session.InterruptAsync());
        Assert.Equal(InterruptOutcome.Cooperative, outcome);
        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal("Interrupted", Assert.Single(result.Errors).Ename);
        Assert.Equal(pid, session.Kernel.ProcessId);
    }

    [Fact]
    public async Task A_busy_loop_is_killed_and_the_variables_are_restored_by_replay()
    {
        string a = Cells.NewId(), b = Cells.NewId();
        (await session.CodeAsync(a, "var basis = 20;")).Ok();
        (await session.CodeAsync(b, "var answer = basis * 2 + 2;", Bind("basis", a))).Ok();
        var pid = session.Kernel.ProcessId;

        var outcome = InterruptOutcome.NotRunning;
        var result = await RunInterruptingAsync(
            Cells.Request("code", Cells.NewId(), "Console.WriteLine(\"spinning\");\nwhile (true) { }"),
            async () => outcome = await session.InterruptAsync());

        Assert.Equal(InterruptOutcome.Killed, outcome);
        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal("Interrupted", Assert.Single(result.Errors).Ename);
        var read = (await session.CodeAsync(Cells.NewId(), "answer", Bind("answer", b))).Ok();
        Assert.Equal("42", read.Text);
        Assert.NotEqual(pid, session.Kernel.ProcessId);
        Assert.Equal([a, b], session.LastRestore!.ReplayedCellIds);
    }

    [Fact]
    public async Task A_cell_past_its_time_limit_is_stopped_and_the_session_restored()
    {
        string a = Cells.NewId();
        (await session.CodeAsync(a, "var kept = \"still here\";")).Ok();
        var result = await session.CodeAsync(Cells.NewId(), "while (true) { }", timeoutMs: 300);
        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal("Timeout", Assert.Single(result.Errors).Ename);
        Assert.Equal("still here", (await session.CodeAsync(Cells.NewId(), "kept", Bind("kept", a))).Ok().Text);
    }

    [Fact]
    public async Task A_cooperative_cell_past_its_time_limit_is_cancelled_in_place()
    {
        var pid = session.Kernel.ProcessId;
        var result = await session.CodeAsync(Cells.NewId(), "while (true) await Delay(20);", timeoutMs: 200);
        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal("Timeout", Assert.Single(result.Errors).Ename);
        Assert.Equal(pid, session.Kernel.ProcessId);
    }

    [Fact]
    public async Task Interrupting_an_idle_session_does_nothing()
    {
        Assert.Equal(InterruptOutcome.NotRunning, await session.InterruptAsync());
    }
}
