using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Presence;

/// <summary>/api/projects/{projectId}/presence: heartbeat (PUT), leave (DELETE), list (GET). Viewer role and up.</summary>
public static class PresenceEndpoints
{
    public static IEndpointRouteBuilder MapPresence(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/projects/{projectId}/presence");
        group.MapGet("/", ListAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapPut("/{sessionId}", HeartbeatAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapDelete("/{sessionId}", LeaveAsync).RequireProjectRole(WorkspaceRole.Viewer);
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<ViewerDto>>> ListAsync(
        HttpContext http, PresenceTracker presence, CancellationToken cancellationToken) =>
        TypedResults.Ok(await presence.ListAsync(http.Access().Project.Id, cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<ViewerDto>>, ProblemHttpResult>> HeartbeatAsync(
        HttpContext http, string sessionId, PresenceBeat? body, PresenceTracker presence, CancellationToken cancellationToken)
    {
        var access = http.Access();
        return await presence.HeartbeatAsync(access.Project.Id, sessionId, access.User, body?.CellId, cancellationToken) switch
        {
            Hosting.CommandOutcome<IReadOnlyList<ViewerDto>>.Done done => TypedResults.Ok(done.Value),
            var other => other.ToProblem("Invalid heartbeat"),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> LeaveAsync(
        HttpContext http, string sessionId, PresenceTracker presence, CancellationToken cancellationToken)
    {
        var access = http.Access();
        return await presence.LeaveAsync(access.Project.Id, sessionId, access.User, cancellationToken) switch
        {
            Hosting.CommandOutcome<bool>.Done => TypedResults.NoContent(),
            var other => other.ToProblem("Invalid session"),
        };
    }
}
