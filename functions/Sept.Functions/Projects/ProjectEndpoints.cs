using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Kernels;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Projects;

/// <summary>/api/projects: list, create, read (with ordered cells), rename or switch mode, delete.</summary>
public static class ProjectEndpoints
{
    public const int MaxNameLength = 200;
    public const int MaxCellTimeoutSeconds = 7 * 24 * 3600;

    public static IEndpointRouteBuilder MapProjects(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/projects");
        group.MapGet("/", ListAsync);
        group.MapPost("/", CreateAsync);
        group.MapGet("/{projectId}", GetAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapPatch("/{projectId}", UpdateAsync).RequireProjectRole(WorkspaceRole.Editor);
        group.MapDelete("/{projectId}", DeleteAsync).RequireProjectRole(WorkspaceRole.Admin);
        return routes;
    }

    /// <summary>The projects of one workspace (member, else 404), or of all the caller's workspaces.</summary>
    private static async Task<Results<Ok<ProjectDto[]>, ProblemHttpResult>> ListAsync(
        HttpContext http, IProjectStore store, WorkspaceAccess access, CancellationToken cancellationToken, string? workspaceId = null)
    {
        var memberships = await access.MembershipsAsync(WorkspaceEndpoints.Caller(http), cancellationToken);
        if (workspaceId is not null)
            memberships = [.. memberships.Where(m => m.Workspace.Id == workspaceId)];
        if (workspaceId is not null && memberships.Count == 0) return WorkspaceRoleFilter.NotFound(workspaceId);
        var projects = new List<ProjectDto>();
        foreach (var membership in memberships)
            projects.AddRange((await store.ListWorkspaceProjectsAsync(membership.Workspace.Id, cancellationToken))
                .Select(p => ProjectDto.From(p) with { Role = membership.Role }));
        return TypedResults.Ok(projects.ToArray());
    }

    private static async Task<Results<Created<ProjectDto>, ProblemHttpResult>> CreateAsync(
        CreateProject body, HttpContext http, IProjectStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(body.Name) ? "Untitled" : body.Name.Trim();
        if (name.Length > MaxNameLength) return Problems.BadRequest($"name is longer than {MaxNameLength} characters.");
        var (target, problem) = await ProjectPlacement.ResolveAsync(http, body.WorkspaceId, cancellationToken);
        if (target is null) return problem!;
        var now = clock.GetUtcNow();
        var outcome = await store.CreateProjectAsync(
            new ProjectRecord(ProjectId.New(), name, body.Reactive ?? true, 1, now, now, target.Workspace.Id), cancellationToken);
        var project = ((SaveOutcome<ProjectRecord>.Saved)outcome).Value;
        return TypedResults.Created($"/api/projects/{project.Id}", ProjectDto.From(project, []) with { Role = target.Role });
    }

    private static async Task<Results<Ok<ProjectDto>, ProblemHttpResult>> GetAsync(
        string projectId, HttpContext http, NotebookReader reader, CancellationToken cancellationToken) =>
        await reader.GetAsync(http.Access().Project.Id, cancellationToken) is { } project
            ? TypedResults.Ok(project with { Role = http.Access().Role })
            : Problems.NotFound($"Project {projectId} does not exist.");

    /// <summary>If-Match (or body version) is optional here: renames and mode switches rarely collide,
    /// and when one is given a stale one still gets 412.</summary>
    private static async Task<Results<Ok<ProjectDto>, ProblemHttpResult>> UpdateAsync(
        string projectId, UpdateProject body, HttpContext http, IProjectStore store, NotebookReader reader, IRealtime realtime,
        CancellationToken cancellationToken)
    {
        var request = http.Request;
        var current = http.Access().Project;
        var id = current.Id;
        if (body.Name is { } n && (string.IsNullOrWhiteSpace(n) || n.Length > MaxNameLength))
            return Problems.BadRequest($"name must be 1..{MaxNameLength} characters.");
        if (body.CellTimeoutSeconds is < -1 or > MaxCellTimeoutSeconds)
            return Problems.BadRequest($"cellTimeoutSeconds must be 0 (no limit) to {MaxCellTimeoutSeconds}, or -1 for the host's default.");
        var ifMatch = IfMatch.Read(request);
        if (ifMatch.Problem is { } bad) return bad;
        var expected = ifMatch.Version ?? body.Version ?? current.Version;
        var changed = current with
        {
            Name = body.Name?.Trim() ?? current.Name,
            Reactive = body.Reactive ?? current.Reactive,
            CellTimeoutSeconds = body.CellTimeoutSeconds switch { null => current.CellTimeoutSeconds, -1 => null, var s => s },
        };
        switch (await store.UpdateProjectAsync(changed, expected, cancellationToken))
        {
            case SaveOutcome<ProjectRecord>.Stale stale:
                return Problems.Problem(StatusCodes.Status412PreconditionFailed, "Stale version",
                    $"The project is at version {stale.Current.Version}, not {expected}.",
                    new Dictionary<string, object?> { ["current"] = ProjectDto.From(stale.Current) });
            case not SaveOutcome<ProjectRecord>.Saved:
                return Problems.NotFound($"Project {projectId} does not exist.");
        }
        var project = (await reader.GetAsync(id, cancellationToken))!;
        await realtime.PublishAsync(id, new ProjectChanged(project), cancellationToken);
        return TypedResults.Ok(project with { Role = http.Access().Role });
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string projectId, IProjectStore store, IOutputStore outputs, IKernelHost kernels, CancellationToken cancellationToken)
    {
        if (RouteIds.Project(projectId) is not { } id || !await store.DeleteProjectAsync(id, cancellationToken))
            return Problems.NotFound($"Project {projectId} does not exist.");
        await kernels.StopAsync(id, cancellationToken);
        await outputs.DeleteProjectAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }
}
