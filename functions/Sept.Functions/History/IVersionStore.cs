using Sept.Notebooks.Cells;

namespace Sept.Functions.History;

/// <summary>Stored versions of projects (SQLite table "versions"; Cosmos documents "version:&lt;id&gt;" in the
/// project's partition). Everything stays inside one project. Deleting a project deletes its versions.</summary>
public interface IVersionStore
{
    /// <summary>Stores a new version (ProjectMissing when the project does not exist).</summary>
    Task<VersionSaveOutcome> SaveAsync(ProjectVersion version, CancellationToken cancellationToken);

    /// <summary>The project's versions newest first (by CreatedAt), without their cells.</summary>
    Task<IReadOnlyList<VersionSummary>> ListAsync(ProjectId projectId, CancellationToken cancellationToken);

    /// <summary>One version with its cells; null when the project has no version with that id.</summary>
    Task<ProjectVersion?> GetAsync(ProjectId projectId, string versionId, CancellationToken cancellationToken);

    /// <summary>Deletes versions beyond the newest <paramref name="keep"/>, oldest auto versions first
    /// (<see cref="VersionPruning"/>; the newest always stays); returns how many went.</summary>
    Task<int> PruneAsync(ProjectId projectId, int keep, CancellationToken cancellationToken);

    /// <summary>When the newest version was taken; null when there is none.</summary>
    Task<DateTimeOffset?> NewestAtAsync(ProjectId projectId, CancellationToken cancellationToken);
}
