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
}
