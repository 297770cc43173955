using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Identity;
using Sept.Functions.Storage;

namespace Sept.Functions.Workspaces;

/// <summary>/api/workspaces: mine, create (caller becomes admin), read (member), rename and delete (admin).</summary>
public static class WorkspaceEndpoints
{
    public const int MaxNameLength = 200;

    public static IEndpointRouteBuilder MapWorkspaces(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/workspaces");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{workspaceId}", (HttpContext http) => TypedResults.Ok(WorkspaceDto.From(http.WorkspaceMembership().Membership)))
            .RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapPatch("/{workspaceId}", UpdateAsync).RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapDelete("/{workspaceId}", DeleteAsync).RequireWorkspaceRole(WorkspaceRole.Admin);
        routes.MapWorkspaceMembers();
        return routes;
    }

    private static async Task<Ok<WorkspaceDto[]>> ListAsync(HttpContext http, WorkspaceAccess access, CancellationToken cancellationToken) =>
        TypedResults.Ok((await access.MembershipsAsync(Caller(http), cancellationToken)).Select(WorkspaceDto.From).ToArray());

    private static async Task<Results<Created<WorkspaceDto>, ProblemHttpResult>> CreateAsync(
        CreateWorkspace body, HttpContext http, IWorkspaceStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = body.Name?.Trim() ?? "";
        if (name.Length is 0 or > MaxNameLength) return Problems.BadRequest($"name must be 1..{MaxNameLength} characters.");
        var slug = body.Slug ?? WorkspaceIds.SlugOf(name);
        if (body.Slug is null && slug.Length < 2) slug = $"ws-{WorkspaceIds.New()[..8]}";
        if (!WorkspaceIds.IsValidSlug(slug)) return BadSlug(slug);
        var now = clock.GetUtcNow();
        var user = Caller(http);
        var workspace = new WorkspaceRecord(WorkspaceIds.New(), slug, name, 1, now);
        return await store.CreateWorkspaceAsync(workspace, WorkspaceAccess.AdminEntry(user, workspace.Id, now), cancellationToken) switch
        {
            SaveOutcome<WorkspaceRecord>.Saved saved =>
                TypedResults.Created($"/api/workspaces/{saved.Value.Id}", WorkspaceDto.From(saved.Value, WorkspaceRole.Admin)),
            _ => SlugTaken(slug),
        };
    }

    private static async Task<Results<Ok<WorkspaceDto>, ProblemHttpResult>> UpdateAsync(
        UpdateWorkspace body, HttpContext http, IWorkspaceStore store, CancellationToken cancellationToken)
    {
        var (_, membership) = http.WorkspaceMembership();
        var current = membership.Workspace;
        var name = body.Name?.Trim() ?? current.Name;
        if (name.Length is 0 or > MaxNameLength) return Problems.BadRequest($"name must be 1..{MaxNameLength} characters.");
        var slug = body.Slug ?? current.Slug;
        if (!WorkspaceIds.IsValidSlug(slug)) return BadSlug(slug);
        return await store.UpdateWorkspaceAsync(current with { Name = name, Slug = slug }, current.Version, cancellationToken) switch
        {
            SaveOutcome<WorkspaceRecord>.Saved saved => TypedResults.Ok(WorkspaceDto.From(saved.Value, membership.Role)),
            SaveOutcome<WorkspaceRecord>.Exists => SlugTaken(slug),
            SaveOutcome<WorkspaceRecord>.Stale => Problems.Problem(StatusCodes.Status409Conflict, "Changed meanwhile",
                "The workspace changed while this edit was made; read it again and retry."),
            _ => WorkspaceRoleFilter.NotFound(current.Id),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        HttpContext http, IWorkspaceStore store, IProjectStore projects, CancellationToken cancellationToken)
    {
        var workspace = http.WorkspaceMembership().Membership.Workspace;
        var remaining = await projects.ListWorkspaceProjectsAsync(workspace.Id, cancellationToken);
        if (remaining.Count > 0)
            return Problems.Problem(StatusCodes.Status409Conflict, "Workspace not empty",
                $"The workspace still has {remaining.Count} project(s); delete them first.");
        await store.DeleteWorkspaceAsync(workspace.Id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The signed-in caller; the fallback policy guarantees one on these routes.</summary>
    public static SeptUser Caller(HttpContext http) =>
        SeptUser.FromPrincipal(http.User) ?? throw new InvalidOperationException("The route needs an authenticated user.");

    private static ProblemHttpResult BadSlug(string slug) =>
        Problems.BadRequest($"slug must be 2..40 characters of a-z, 0-9 and '-' (got '{slug}').");

    private static ProblemHttpResult SlugTaken(string slug) =>
        Problems.Problem(StatusCodes.Status409Conflict, "Slug taken", $"Another workspace already uses the slug '{slug}'.");
}
