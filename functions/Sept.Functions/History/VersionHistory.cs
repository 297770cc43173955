using Sept.Functions.Identity;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.History;

/// <summary>Takes versions: snapshots the project's cells as stored now, keeps the newest
/// <see cref="VersionLimits.PerProject"/>.</summary>
public sealed class VersionHistory(IVersionStore versions, IProjectStore projects, TimeProvider clock)
{
    /// <summary>Null when the project does not exist.</summary>
    public async Task<VersionSummary?> TakeAsync(
        ProjectId projectId, string? name, VersionKind kind, SeptUser author, CancellationToken cancellationToken)
    {
        if (await projects.GetProjectAsync(projectId, cancellationToken) is not { } project) return null;
        var cells = await projects.ListCellsAsync(projectId, cancellationToken);
        var snapshot = new VersionSnapshot(project.Name, project.Reactive, [.. cells.Select(Snapshot)]);
        var summary = new VersionSummary(projectId, ProjectVersion.NewId(), name, kind, author, clock.GetUtcNow(), cells.Count);
        if (await versions.SaveAsync(new ProjectVersion(summary, snapshot), cancellationToken) is not VersionSaveOutcome.Saved saved)
            return null;
        await versions.PruneAsync(projectId, VersionLimits.PerProject, cancellationToken);
        return saved.Summary;
    }

    public static VersionCell Snapshot(CellRecord cell) => new(cell.Id, cell.Kind, cell.Source, cell.Config, cell.Order, cell.Lock);
}
