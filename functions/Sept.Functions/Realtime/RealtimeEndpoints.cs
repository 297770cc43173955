using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Presence;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Realtime;

public sealed record NegotiateResponse(string Url, string? AccessToken);

/// <param name="SessionId">The tab's presence session (a random id of the tab's own, never the connection id, which
/// must stay secret): it leaves the presence list as soon as this connection closes.</param>
public sealed record Subscription(string? ConnectionId, string? SessionId = null);

/// <summary>POST /api/negotiate (where clients connect) and POST /api/projects/{id}/subscriptions (join a group).
/// Locally the hub is /api/hub; on Azure negotiate returns the SignalR Service URL and a token instead.</summary>
public static class RealtimeEndpoints
{
    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder routes)
    {
        routes.MapHub<NotebookHub>("/api/hub");
        routes.MapPost("/api/negotiate", Negotiate);
        routes.MapPost("/api/projects/{projectId}/subscriptions", SubscribeAsync).RequireProjectRole(WorkspaceRole.Viewer);
        return routes;
    }

    private static Ok<NegotiateResponse> Negotiate(HttpRequest request) =>
        TypedResults.Ok(new NegotiateResponse($"{request.Scheme}://{request.Host}{request.PathBase}/api/hub", null));

    private static async Task<Results<NoContent, ProblemHttpResult>> SubscribeAsync(
        HttpContext http, string projectId, Subscription body, IProjectStore store, IRealtime realtime, PresenceTracker presence,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Project(projectId) is not { } id || await store.GetProjectAsync(id, cancellationToken) is null)
            return Problems.NotFound($"Project {projectId} does not exist.");
        if (string.IsNullOrWhiteSpace(body.ConnectionId)) return Problems.BadRequest("connectionId is required.");
        // Only the caller's own connection: otherwise anyone could push a project into someone else's open notebook.
        if (!await realtime.IsConnectionOfAsync(body.ConnectionId, http.Access().User.Id, cancellationToken))
            return Problems.Problem(StatusCodes.Status403Forbidden, "Not your connection", $"Connection {body.ConnectionId} is not one of yours.");
        if (body.SessionId is not null)
        {
            if (!PresenceTracker.IsSessionId(body.SessionId)) return Problems.BadRequest("sessionId must be 8 to 64 characters of A-Z, a-z, 0-9, '_' and '-'.");
            presence.Connected(id, body.SessionId, body.ConnectionId);
        }
        await realtime.SubscribeAsync(id, body.ConnectionId, cancellationToken);
        return TypedResults.NoContent();
    }
}
