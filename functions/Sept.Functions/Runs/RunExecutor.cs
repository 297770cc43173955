using System.Diagnostics;
using Microsoft.Extensions.Options;
using Sept.Functions.Cells;
using Sept.Functions.Connections;
using Sept.Functions.Hosting;
using Sept.Functions.Kernels;
using Sept.Functions.Projects;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;
using Sept.Functions.Telemetry;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Runs;

/// <summary>Executes one run request: each planned cell in order through the project's kernel, streaming outputs,
/// storing results and history. A cell whose upstream failed (or was skipped) is skipped and left stale; after an
/// interrupted cell the rest of the run is skipped.
/// (Dependents left out of a non-reactive run were already marked stale when the run was planned.)</summary>
public sealed class RunExecutor(
    IProjectStore store, IOutputStore outputs, IKernelHost kernels, IRealtime realtime, NotebookReader reader, CellStates states,
    IOptions<SeptOptions> options, TimeProvider clock, SeptTelemetry telemetry, ILogger<RunExecutor> log, ConnectionCells connectionCells)
{
    public async Task ExecuteAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using var activity = SeptTelemetry.Source.StartActivity("sept.run");
        activity?.SetTag("sept.project.id", request.ProjectId.ToString());
        activity?.SetTag("sept.run.id", request.RunId);
        activity?.SetTag("sept.run.cells", request.Cells.Count);
        telemetry.RecordPhase(RunPhase.QueueWait, clock.GetUtcNow() - request.RequestedAt);
        var notOk = new HashSet<CellId>();
        var interrupted = false;
        // Bindings come from the notebook as it was when the run started; each cell's source is read fresh.
        var loaded = await reader.LoadAsync(request.ProjectId, cancellationToken);
        foreach (var planned in loaded is null ? [] : request.Cells)
        {
            if (await store.GetCellAsync(request.ProjectId, planned.CellId, cancellationToken) is not { } cell) continue;
            // After an interrupt nothing more of this run executes; skipped cells become stale.
            if (interrupted || planned.DependsOn.Any(notOk.Contains))
            {
                notOk.Add(cell.Id);
                await states.SetAsync(loaded!, [cell.Id], CellState.Stale, cancellationToken);
                continue;
            }
            var status = await RunCellAsync(request, planned, loaded!, cell, cancellationToken);
            if (status != RunStatus.Success) notOk.Add(cell.Id);
            interrupted |= status == RunStatus.Cancelled;
        }
        telemetry.RecordRun(watch.Elapsed, failed: notOk.Count > 0 && !interrupted);
        if (notOk.Count > 0) activity?.SetStatus(ActivityStatusCode.Error);
        await realtime.PublishAsync(request.ProjectId,
            new RunFinished(request.RunId, [.. request.Cells.Select(c => c.CellId.ToString())], watch.Elapsed.TotalMilliseconds),
            cancellationToken);
    }

    // The project's limit, else the host's; none when that is 0.
    private int? TimeoutMs(ProjectRecord project)
    {
        var seconds = project.CellTimeoutSeconds ?? options.Value.CellTimeout.TotalSeconds;
        return seconds > 0 ? (int)Math.Min(seconds * 1000, int.MaxValue) : null;
    }

    private async Task<string> RunCellAsync(
        RunRequest request, PlannedRun planned, LoadedNotebook loaded, CellRecord cell, CancellationToken cancellationToken)
    {
        var projectId = request.ProjectId;
        var started = clock.GetUtcNow();
        using var activity = SeptTelemetry.Source.StartActivity("sept.cell.run");
        activity?.SetTag("sept.project.id", projectId.ToString());
        activity?.SetTag("sept.run.id", request.RunId);
        activity?.SetTag("sept.cell.id", cell.Id.ToString());
        activity?.SetTag("sept.cell.kind", CellMapping.KindName(cell.Kind));

        var collector = new OutputCollector(outputs, projectId, request.RunId, cell.Id, options.Value.InlineOutputBytes);
        var execute = new ExecuteRequest(request.RunId, cell.Id.ToString(), CellMapping.KindName(cell.Kind), cell.Source,
            loaded.Notebook.BindingsOf(cell.Id), cell.Config, TimeoutMs: TimeoutMs(loaded.Project));
        var status = RunStatus.Error;
        var sequence = 0;
        RunningOutputs? progress = null;
        // The kernel's own counter (like Jupyter's In [n]); a kernel that does not count gets the cell's count + 1.
        var executionCount = cell.Run.ExecutionCount + 1;
        try
        {
            var events = ConnectionCells.ConnectionOf(cell) is { } connection
                ? connectionCells.ExecuteAsync(projectId, execute, connection, cancellationToken)
                : kernels.ExecuteAsync(projectId, execute, cancellationToken);
            await foreach (var kernelEvent in events)
            {
                // Read to the end of the stream, not just to the finished event: the kernel host records a success
                // (for replay after a restart) once the consumer has moved past it.
                if (kernelEvent is FinishedEvent finished) { status = finished.Status; continue; }
                if (kernelEvent is StartedEvent begun)
                {
                    // "running" only once the kernel has really started the cell, so an interrupt from then on reaches it.
                    if (begun.ExecutionCount > 0) executionCount = begun.ExecutionCount;
                    var runState = cell.Run with { State = CellState.Running, Outputs = [], RunId = request.RunId, OutputSequence = 0 };
                    var running = await store.SaveRunStateAsync(projectId, cell.Id, runState, cancellationToken);
                    if (running is not null) await realtime.PublishAsync(projectId, new CellUpdated(loaded.Notebook.ToDto(running)), cancellationToken);
                    progress = new RunningOutputs(store, clock, log, projectId, cell.Id, runState);
                    continue;
                }
                if (await collector.AddAsync(kernelEvent, cancellationToken) is { } output)
                {
                    await realtime.PublishAsync(projectId, new CellOutputProduced(cell.Id.ToString(), request.RunId, sequence++, output), cancellationToken);
                    if (progress is not null) await progress.OutputAsync(collector.Outputs, sequence, cancellationToken);
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The kernel died or could not be reached: the cell fails, the next run gets a fresh kernel.
            log.LogWarning(e, "Kernel failed while running cell {CellId} of project {ProjectId}", cell.Id, projectId);
            var lost = e is Sept.Kernel.Hosting.KernelCapacityException
                ? new ErrorEvent(request.RunId, cell.Id.ToString(), "KernelCapacity", e.Message)
                : new ErrorEvent(request.RunId, cell.Id.ToString(), "KernelLost", $"The kernel stopped while running this cell: {e.Message}");
            if (await collector.AddAsync(lost, cancellationToken) is { } output)
                await realtime.PublishAsync(projectId, new CellOutputProduced(cell.Id.ToString(), request.RunId, sequence, output), cancellationToken);
            status = RunStatus.Error;
        }
        if (progress is not null) await progress.CompleteAsync();
        var ms = (clock.GetUtcNow() - started).TotalMilliseconds;
        telemetry.RecordPhase(RunPhase.KernelExecute, TimeSpan.FromMilliseconds(ms));
        activity?.SetTag("sept.cell.status", status);
        if (status == RunStatus.Error) activity?.SetStatus(ActivityStatusCode.Error);
        var storing = Stopwatch.StartNew();
        var state = status switch
        {
            RunStatus.Success => CellState.Success,
            RunStatus.Cancelled => CellState.Stale,
            _ => CellState.Error,
        };
        var done = await store.SaveRunStateAsync(projectId, cell.Id,
            new CellRun(state, collector.Outputs, executionCount, ms), cancellationToken);
        // The cell (or its project) was deleted while it ran: nothing is left to keep history for.
        if (done is null) return status;
        await store.AppendRunAsync(new RunRecord(projectId, request.RunId, cell.Id, planned.Reason, status, started, ms, cell.Source, collector.Outputs),
            cancellationToken);
        telemetry.RecordPhase(RunPhase.StoreWrite, storing.Elapsed);
        await realtime.PublishAsync(projectId, new CellUpdated(loaded.Notebook.ToDto(done)), cancellationToken);
        return status;
    }
}
