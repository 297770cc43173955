using Sept.Functions.Cells;
using Sept.Functions.Kernels;
using Sept.Functions.Projects;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Planning;

namespace Sept.Functions.Runs;

public sealed record StartRun(IReadOnlyList<string>? CellIds, RunMode? Mode);

public sealed record RunStarted(string RunId, IReadOnlyList<string> CellIds);

/// <summary>Plans a run, marks its cells queued and hands it to the project's queue.</summary>
public sealed class RunStarter(IProjectStore store, IRunQueue queue, IRealtime realtime, IKernelHost kernels, TimeProvider clock)
{
    /// <summary>Null with a reason when the request names cells the project does not have.</summary>
    public async Task<(RunStarted? Started, string? Problem)> StartAsync(
        LoadedNotebook loaded, StartRun body, string reason, CancellationToken cancellationToken)
    {
        var mode = body.Mode ?? RunMode.Cell;
        var requested = new List<CellId>();
        foreach (var text in body.CellIds ?? [])
        {
            if (!CellId.TryParse(text, out var id) || loaded.Find(id) is null)
                return (null, $"cell {text} is not a cell of this project.");
            requested.Add(id);
        }
        if (requested.Count == 0 && mode is RunMode.Cell or RunMode.Downstream)
            return (null, $"mode '{mode.ToString().ToLowerInvariant()}' needs cellIds.");
        var (plan, markStale) = RunPlanning.Plan(loaded, requested, mode, reason);
        var request = new RunRequest(loaded.Project.Id, NewRunId(), plan, clock.GetUtcNow());
        var cellIds = plan.Select(p => p.CellId).ToList();
        var ran = markStale.Where(id => loaded.Find(id) is { Run.State: not (CellState.Idle or CellState.Stale) }).ToList();
        foreach (var cell in await store.SetStatesAsync(loaded.Project.Id, ran, CellState.Stale, cancellationToken))
            await realtime.PublishAsync(loaded.Project.Id, new CellUpdated(loaded.Notebook.ToDto(cell)), cancellationToken);
        foreach (var cell in await store.SetStatesAsync(loaded.Project.Id, cellIds, CellState.Queued, cancellationToken))
            await realtime.PublishAsync(loaded.Project.Id, new CellUpdated(loaded.Notebook.ToDto(cell)), cancellationToken);
        if (await queue.EnqueueAsync(request, cancellationToken) is { } superseded)
            await realtime.PublishAsync(loaded.Project.Id, new RunFinished(superseded.RunId,
                [.. superseded.Cells.Select(c => c.CellId.ToString())], 0, SupersededBy: request.RunId), cancellationToken);
        return (new RunStarted(request.RunId, [.. cellIds.Select(c => c.ToString())]), null);
    }

    /// <summary>Drops deleted cells' definitions from the kernel.</summary>
    public Task ForgetAsync(ProjectId projectId, IReadOnlyList<CellId> cellIds, CancellationToken cancellationToken) =>
        kernels.ForgetAsync(projectId, cellIds, cancellationToken);

    private static string NewRunId() => Guid.NewGuid().ToString("N");
}
