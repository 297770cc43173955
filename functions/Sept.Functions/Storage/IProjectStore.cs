using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage;

/// <summary>Projects, their cells and run history. Every per-project call stays inside one project
/// (one Cosmos partition, PK /projectId); only the listings span projects.</summary>
public interface IProjectStore
{
    Task<IReadOnlyList<ProjectRecord>> ListProjectsAsync(CancellationToken cancellationToken);

    /// <summary>The projects of one workspace, oldest first.</summary>
    Task<IReadOnlyList<ProjectRecord>> ListWorkspaceProjectsAsync(string workspaceId, CancellationToken cancellationToken);

    Task<ProjectRecord?> GetProjectAsync(ProjectId projectId, CancellationToken cancellationToken);

    /// <summary>Stores a new project with Version 1 (the given Version is ignored).</summary>
    Task<SaveOutcome<ProjectRecord>> CreateProjectAsync(ProjectRecord project, CancellationToken cancellationToken);

    /// <summary>Replaces name and mode when the stored Version equals <paramref name="expectedVersion"/>; bumps Version.</summary>
    Task<SaveOutcome<ProjectRecord>> UpdateProjectAsync(ProjectRecord project, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes the project with its cells and runs. False when it did not exist.</summary>
    Task<bool> DeleteProjectAsync(ProjectId projectId, CancellationToken cancellationToken);

    /// <summary>The project's cells ordered by Order (ordinal), ties by id.</summary>
    Task<IReadOnlyList<CellRecord>> ListCellsAsync(ProjectId projectId, CancellationToken cancellationToken);

    Task<CellRecord?> GetCellAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken);

    /// <summary>Stores a new cell (with its lock, if any) with Version 1 and Revision 1. NotFound when the project does not exist.</summary>
    Task<SaveOutcome<CellRecord>> AddCellAsync(CellRecord cell, CancellationToken cancellationToken);

    /// <summary>Replaces kind, source, config and order when the stored Version equals <paramref name="expectedVersion"/>;
    /// bumps Version and Revision. Run state and lock are left as stored.</summary>
    Task<SaveOutcome<CellRecord>> UpdateCellAsync(CellRecord cell, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Sets (or, with null, clears) the cell's lock when the stored holder's user id equals
    /// <paramref name="expectedHolderId"/> (null: unlocked); bumps Version and Revision. Stale with the current cell
    /// when someone else holds it.</summary>
    Task<SaveOutcome<CellRecord>> SetLockAsync(
        ProjectId projectId, CellId cellId, CellLock? next, string? expectedHolderId, CancellationToken cancellationToken);

    /// <summary>Replaces the cell's run state (not guarded: one run consumer per project writes it); bumps Revision.
    /// Null when the cell is gone.</summary>
    Task<CellRecord?> SaveRunStateAsync(ProjectId projectId, CellId cellId, CellRun run, CancellationToken cancellationToken);

    /// <summary>Sets only the state of the given cells (outputs kept); bumps their Revision; returns the changed cells.</summary>
    Task<IReadOnlyList<CellRecord>> SetStatesAsync(
        ProjectId projectId, IReadOnlyCollection<CellId> cellIds, CellState state, CancellationToken cancellationToken);

    Task<bool> DeleteCellAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken);

    /// <summary>Appends a run to the cell's history and keeps only the newest <see cref="RunHistory.Depth"/>.</summary>
    Task AppendRunAsync(RunRecord run, CancellationToken cancellationToken);

    /// <summary>The cell's runs, newest first.</summary>
    Task<IReadOnlyList<RunRecord>> ListRunsAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken);
}
