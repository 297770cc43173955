using Sept.Functions.Projects;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Cells;

/// <summary>Changes the state of several cells and tells watchers about each changed one.</summary>
public sealed class CellStates(IProjectStore store, IRealtime realtime)
{
    public async Task SetAsync(LoadedNotebook loaded, IReadOnlyCollection<CellId> cellIds, CellState state, CancellationToken cancellationToken)
    {
        if (cellIds.Count == 0) return;
        foreach (var cell in await store.SetStatesAsync(loaded.Project.Id, cellIds, state, cancellationToken))
            await realtime.PublishAsync(loaded.Project.Id, new CellUpdated(loaded.Notebook.ToDto(cell)), cancellationToken);
    }

    /// <summary>Marks stale the given cells that have run (a cell that never ran stays idle).</summary>
    public Task MarkStaleAsync(LoadedNotebook loaded, IReadOnlyCollection<CellId> cellIds, CancellationToken cancellationToken) =>
        SetAsync(loaded, [.. cellIds.Distinct().Where(id => loaded.Find(id) is { Run.State: not (CellState.Idle or CellState.Stale) })],
            CellState.Stale, cancellationToken);
}
