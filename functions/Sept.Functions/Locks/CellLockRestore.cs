using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.History;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Locks;

/// <summary>Locks are kept in versions: a restore brings back each cell's lock as the version holds it. So that a
/// restore is no way around a lock, an editor may not restore a version that would change (or remove, or unlock) a
/// cell someone else holds; admins may.</summary>
public static class CellLockRestore
{
    public static async Task<ProblemHttpResult?> ProblemAsync(
        IVersionStore versions, IProjectStore store, ProjectAccess.Granted access, string versionId, CancellationToken cancellationToken)
    {
        if (access.Role >= WorkspaceRole.Admin) return null;
        if (await versions.GetAsync(access.Project.Id, versionId, cancellationToken) is not { } version) return null;
        var wanted = version.Snapshot.Cells.ToDictionary(c => c.Id);
        foreach (var cell in await store.ListCellsAsync(access.Project.Id, cancellationToken))
        {
            if (cell.Lock is not { } held || held.UserId == access.User.Id) continue;
            var current = VersionHistory.Snapshot(cell);
            if (!wanted.TryGetValue(cell.Id, out var restored) || !VersionDiff.SameContent(current, restored)
                || current.Order != restored.Order || restored.Lock?.UserId != held.UserId)
                return CellLockGuard.Locked(held, "restore a version that changes");
        }
        return null;
    }

    /// <summary>Gives the stored cell the version's lock (holder and time) when it differs.</summary>
    public static async Task ApplyAsync(IProjectStore store, ProjectId projectId, VersionCell wanted, CancellationToken cancellationToken)
    {
        if (await store.GetCellAsync(projectId, wanted.Id, cancellationToken) is not { } current || current.Lock == wanted.Lock) return;
        await store.SetLockAsync(projectId, wanted.Id, wanted.Lock, current.Lock?.UserId, cancellationToken);
    }
}
