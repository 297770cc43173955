using Sept.Notebooks.Cells;

namespace Sept.Functions.Cells;

/// <summary>Data kept beside the cells (comments, version history) hears about saved cell changes here, so every
/// path that changes cells (editing, a version restore) keeps it consistent. Called after the store change.</summary>
public interface ICellObserver
{
    /// <summary>A cell was added, edited or moved.</summary>
    Task CellSavedAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken);

    Task CellDeletedAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken);
}
