using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.History;

/// <summary>/api/projects/{projectId}/versions: list, save, view, diff against now, restore.</summary>
public static class VersionEndpoints
{
    public static IEndpointRouteBuilder MapVersions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/projects/{projectId}/versions");
        group.MapGet("/", ListAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapPost("/", SaveAsync).RequireProjectRole(WorkspaceRole.Editor);
        group.MapGet("/{versionId}", GetAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapGet("/{versionId}/diff", DiffAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapPost("/{versionId}/restore", RestoreAsync).RequireProjectRole(WorkspaceRole.Editor);
        return routes;
    }

    private static async Task<Ok<VersionSummaryDto[]>> ListAsync(HttpContext http, IVersionStore versions, CancellationToken cancellationToken) =>
        TypedResults.Ok((await versions.ListAsync(http.Access().Project.Id, cancellationToken)).Select(VersionSummaryDto.From).ToArray());

    private static async Task<Results<Created<VersionSummaryDto>, ProblemHttpResult>> SaveAsync(
        SaveVersion body, HttpContext http, VersionHistory history, CancellationToken cancellationToken)
    {
        var name = body.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > VersionLimits.MaxNameLength)
            return Problems.BadRequest($"name must be 1..{VersionLimits.MaxNameLength} characters.");
        var access = http.Access();
        if (await history.TakeAsync(access.Project.Id, name, VersionKind.Manual, access.User, cancellationToken) is not { } saved)
            return Problems.NotFound($"Project {access.Project.Id} does not exist.");
        return TypedResults.Created($"/api/projects/{access.Project.Id}/versions/{saved.Id}", VersionSummaryDto.From(saved));
    }

    private static async Task<Results<Ok<VersionDto>, ProblemHttpResult>> GetAsync(
        string versionId, HttpContext http, IVersionStore versions, CancellationToken cancellationToken) =>
        await FindAsync(http, versionId, versions, cancellationToken) is { } version
            ? TypedResults.Ok(VersionDto.From(version))
            : NotFound(http, versionId);

    private static async Task<Results<Ok<VersionDiffDto>, ProblemHttpResult>> DiffAsync(
        string versionId, HttpContext http, IVersionStore versions, IProjectStore store, CancellationToken cancellationToken)
    {
        if (await FindAsync(http, versionId, versions, cancellationToken) is not { } version) return NotFound(http, versionId);
        var current = await store.ListCellsAsync(http.Access().Project.Id, cancellationToken);
        return TypedResults.Ok(VersionDiff.Compare(version.Snapshot.Cells, [.. current.Select(VersionHistory.Snapshot)]));
    }

    private static async Task<Results<Ok<RestoredVersion>, ProblemHttpResult>> RestoreAsync(
        string versionId, HttpContext http, VersionRestore restore, IVersionStore versions, IProjectStore store, CancellationToken cancellationToken)
    {
        var access = http.Access();
        if (!IsVersionId(versionId)) return NotFound(http, versionId);
        if (await Locks.CellLockRestore.ProblemAsync(versions, store, access, versionId, cancellationToken) is { } locked) return locked;
        return await restore.RestoreAsync(access.Project.Id, versionId, access.User, cancellationToken) switch
        {
            RestoreOutcome.Restored r => TypedResults.Ok(new RestoredVersion(r.Project, r.UndoVersionId)),
            RestoreOutcome.Conflict c => Problems.Problem(StatusCodes.Status409Conflict, "Restore interrupted", c.Detail),
            RestoreOutcome.NotFound n => Problems.NotFound(n.Detail),
            var other => Problems.Problem(StatusCodes.Status500InternalServerError, "Unexpected outcome", other.GetType().Name),
        };
    }

    private static async Task<ProjectVersion?> FindAsync(HttpContext http, string versionId, IVersionStore versions, CancellationToken cancellationToken) =>
        IsVersionId(versionId) ? await versions.GetAsync(http.Access().Project.Id, versionId, cancellationToken) : null;

    // Version ids are Guids printed "N" (lowercase); anything else names no version.
    private static bool IsVersionId(string text) =>
        Guid.TryParseExact(text, "N", out var id) && id.ToString("N") == text;

    private static ProblemHttpResult NotFound(HttpContext http, string versionId) =>
        Problems.NotFound($"Version {versionId} does not exist in project {http.Access().Project.Id}.");
}
