using Sept.Functions.Realtime;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Contracts;

/// <summary>The <see cref="Runs.IRunQueue"/> contract, run against each twin (local in-process lanes; Service Bus
/// through its REST client, a local Service Bus stand-in and the /runs trigger). Runs are started through the HTTP API
/// (so <see cref="Runs.RunStarter"/> reports a replaced run the same way for both) on a scripted kernel whose
/// "gate" cells wait until the test opens the gate; what the kernel executed, and the realtime events, are observed.
/// Projects are not reactive and their cells independent, so each run is exactly the cells asked for.</summary>
public abstract class RunQueueContract : IAsyncLifetime
{
    private RunQueueTwin _twin = null!;

    protected ScriptedKernel Kernel { get; } = new();

    private ApiClient Api => _twin.Api;

    protected abstract Task<RunQueueTwin> StartAsync(ScriptedKernel kernel);

    public async Task InitializeAsync() => _twin = await StartAsync(Kernel);

    public async Task DisposeAsync() => await _twin.DisposeAsync();

    [Fact]
    public async Task Runs_of_one_project_execute_one_at_a_time_in_the_order_they_were_queued()
    {
        var project = await Api.CreateProjectAsync("fifo", reactive: false);
        var gate = await Api.AddCellAsync(project.Id, "code", "var g = 1; // gate");
        var second = await Api.AddCellAsync(project.Id, "code", "var s = 2;");
        var third = await Api.AddCellAsync(project.Id, "code", "var t = 3;");
        var other = await Api.CreateProjectAsync("other", reactive: false);
        var otherCell = await Api.AddCellAsync(other.Id, "code", "var o = 1;");

        await Api.RunAsync(project.Id, "cell", gate.Id);
        await WaitRunningAsync(project.Id, gate.Id);
        await Api.RunAsync(project.Id, "cell", second.Id);
        var last = await Api.RunAsync(project.Id, "cell", third.Id);
        // A run of another project queued after them finishes while the gate holds this project's lane.
        await WaitFinishedAsync(other.Id, (await Api.RunAsync(other.Id, "cell", otherCell.Id)).RunId);
        Assert.Equal([gate.Id], Kernel.Executed(Id(project.Id)).Select(e => e.CellId));

        Kernel.Gate.SetResult();
        await WaitFinishedAsync(project.Id, last.RunId);
        Assert.Equal([gate.Id, second.Id, third.Id], Kernel.Executed(Id(project.Id)).Select(e => e.CellId));
    }

    [Fact]
    public async Task A_slow_run_in_one_project_does_not_delay_another_project()
    {
        var slow = await Api.CreateProjectAsync("slow", reactive: false);
        var fast = await Api.CreateProjectAsync("fast", reactive: false);
        var gate = await Api.AddCellAsync(slow.Id, "code", "var g = 1; // gate");
        var quick = await Api.AddCellAsync(fast.Id, "code", "var q = 1;");

        var slowRun = await Api.RunAsync(slow.Id, "cell", gate.Id);
        await WaitRunningAsync(slow.Id, gate.Id);
        await WaitFinishedAsync(fast.Id, (await Api.RunAsync(fast.Id, "cell", quick.Id)).RunId);

        Assert.DoesNotContain(_twin.Realtime.EventsOf(Id(slow.Id)).OfType<RunFinished>(), f => f.RunId == slowRun.RunId);
        Assert.Equal("running", (await Api.GetProjectAsync(slow.Id)).Cells!.Single().State);
        Kernel.Gate.SetResult();
        await WaitFinishedAsync(slow.Id, slowRun.RunId);
    }

    [Fact]
    public async Task A_newer_request_for_the_same_cells_replaces_a_queued_one_which_reports_it_as_superseded()
    {
        var project = await Api.CreateProjectAsync("supersede", reactive: false);
        var gate = await Api.AddCellAsync(project.Id, "code", "var g = 1; // gate");
        var cell = await Api.AddCellAsync(project.Id, "code", "var x = 1;");

        await Api.RunAsync(project.Id, "cell", gate.Id);
        await WaitRunningAsync(project.Id, gate.Id);
        var replaced = await Api.RunAsync(project.Id, "cell", cell.Id);
        var newer = await Api.RunAsync(project.Id, "cell", cell.Id);

        var superseded = await _twin.Realtime.WaitForAsync<RunFinished>(Id(project.Id), f => f.RunId == replaced.RunId);
        Assert.Equal(newer.RunId, superseded.SupersededBy);
        Assert.Equal([cell.Id], superseded.CellIds);
        Kernel.Gate.SetResult();
        var finished = await WaitFinishedAsync(project.Id, newer.RunId);
        Assert.Null(finished.SupersededBy);
        var executed = Assert.Single(Kernel.Executed(Id(project.Id)), e => e.CellId == cell.Id);
        Assert.Equal(newer.RunId, executed.RunId);
        Assert.Single(_twin.Realtime.EventsOf(Id(project.Id)).OfType<RunFinished>(), f => f.RunId == replaced.RunId);
    }

    [Fact]
    public async Task A_run_that_already_started_is_not_replaced_by_a_newer_request()
    {
        var project = await Api.CreateProjectAsync("started", reactive: false);
        var gate = await Api.AddCellAsync(project.Id, "code", "var g = 1; // gate");

        var first = await Api.RunAsync(project.Id, "cell", gate.Id);
        await WaitRunningAsync(project.Id, gate.Id);
        var second = await Api.RunAsync(project.Id, "cell", gate.Id);
        Kernel.Gate.SetResult();

        Assert.Null((await WaitFinishedAsync(project.Id, first.RunId)).SupersededBy);
        await WaitFinishedAsync(project.Id, second.RunId);
        Assert.Equal([first.RunId, second.RunId], Kernel.Executed(Id(project.Id)).Select(e => e.RunId));
    }

    [Fact]
    public async Task A_run_handed_to_the_consumer_again_executes_once()
    {
        var project = await Api.CreateProjectAsync("again", reactive: false);
        var cell = await Api.AddCellAsync(project.Id, "code", "var once = 1;");
        var later = await Api.AddCellAsync(project.Id, "code", "var later = 2;");

        _twin.RepeatNextRun(project.Id);
        var run = await Api.RunAsync(project.Id, "cell", cell.Id);
        await WaitFinishedAsync(project.Id, run.RunId);
        // FIFO: a run queued after the repeat finishes after the repeat would have executed.
        await WaitFinishedAsync(project.Id, (await Api.RunAsync(project.Id, "cell", later.Id)).RunId);

        Assert.Equal(2, _twin.Handovers(run.RunId));
        Assert.Equal([cell.Id, later.Id], Kernel.Executed(Id(project.Id)).Select(e => e.CellId));
        Assert.Equal("success", (await Api.GetProjectAsync(project.Id)).Cells![0].State);
    }

    private Task<CellUpdated> WaitRunningAsync(string projectId, string cellId) =>
        _twin.Realtime.WaitForAsync<CellUpdated>(Id(projectId), u => u.Cell.Id == cellId && u.Cell.State == "running");

    private Task<RunFinished> WaitFinishedAsync(string projectId, string runId) =>
        _twin.Realtime.WaitForAsync<RunFinished>(Id(projectId), f => f.RunId == runId);

    private static ProjectId Id(string projectId) => ProjectId.Parse(projectId);
}

/// <summary>One implementation of the run queue inside the app, as the contract drives it.</summary>
public abstract class RunQueueTwin : IAsyncDisposable
{
    public abstract ApiClient Api { get; }

    public abstract RecordingRealtime Realtime { get; }

    /// <summary>The next run queued for the project reaches the queue's consumer twice, as the transport can make it:
    /// Service Bus redelivers a message whose lock was lost while it was handled; the in-process queue can only be
    /// given the same request again.</summary>
    public abstract void RepeatNextRun(string projectId);

    /// <summary>How often the run was handed to the consumer (deliveries, or requests queued).</summary>
    public abstract int Handovers(string runId);

    public abstract ValueTask DisposeAsync();
}
