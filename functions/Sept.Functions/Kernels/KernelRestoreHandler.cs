using Sept.Functions.Cells;
using Sept.Functions.Projects;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Kernels;

/// <summary>After a kernel was replaced (crash, hard interrupt, compaction) and its cells replayed, the cells whose
/// replay failed no longer have values: they and their dependents become stale, and watchers are told.</summary>
public sealed class KernelRestoreHandler(NotebookReader reader, CellStates states, ILogger<KernelRestoreHandler> log)
{
    public async Task CellsLostAsync(ProjectId projectId, IReadOnlyList<string> failedCellIds, CancellationToken cancellationToken)
    {
        if (failedCellIds.Count == 0 || await reader.LoadAsync(projectId, cancellationToken) is not { } loaded) return;
        var lost = failedCellIds.Select(text => CellId.TryParse(text, out var id) ? id : (CellId?)null).OfType<CellId>()
            .Where(id => loaded.Find(id) is not null).ToList();
        log.LogInformation("Kernel of project {ProjectId} restored; {Count} cells could not be replayed", projectId, lost.Count);
        await states.MarkStaleAsync(loaded, [.. lost, .. loaded.Notebook.Graph.TransitiveDependents(lost)], cancellationToken);
    }

    /// <summary>The project's kernel was replaced by an empty one that replays nothing (a new Azure session: first use,
    /// expired, or destroyed): every cell showing a success no longer has its values, so it and its dependents are stale.</summary>
    public async Task KernelReplacedAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        if (await reader.LoadAsync(projectId, cancellationToken) is not { } loaded) return;
        var lost = loaded.Notebook.Cells.Where(c => c.Run.State == CellState.Success).Select(c => c.Id).ToList();
        if (lost.Count == 0) return;
        log.LogInformation("Kernel of project {ProjectId} replaced by an empty one; {Count} cells lost their values", projectId, lost.Count);
        // Queued and running cells are about to run on the new kernel: they keep their state.
        var stale = lost.Concat(loaded.Notebook.Graph.TransitiveDependents(lost))
            .Where(id => loaded.Find(id) is not { Run.State: CellState.Queued or CellState.Running }).ToList();
        await states.MarkStaleAsync(loaded, stale, cancellationToken);
    }
}
