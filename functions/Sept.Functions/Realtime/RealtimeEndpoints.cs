using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Realtime;

public sealed record NegotiateResponse(string Url, string? AccessToken);

public sealed record Subscription(string? ConnectionId);

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
        string projectId, Subscription body, IProjectStore store, IRealtime realtime, CancellationToken cancellationToken)
    {
        if (RouteIds.Project(projectId) is not { } id || await store.GetProjectAsync(id, cancellationToken) is null)
            return Problems.NotFound($"Project {projectId} does not exist.");
        if (string.IsNullOrWhiteSpace(body.ConnectionId)) return Problems.BadRequest("connectionId is required.");
        await realtime.SubscribeAsync(id, body.ConnectionId, cancellationToken);
        return TypedResults.NoContent();
    }
}
