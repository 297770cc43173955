using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Projects;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Runs;

public sealed record RunHistoryEntry(
    string RunId, string CellId, string Reason, string Status, DateTimeOffset StartedAt, double DurationMs, string Source,
    IReadOnlyList<CellOutput> Outputs);

/// <summary>POST /api/projects/{id}/runs (202 at once; results arrive as events) and a cell's run history.</summary>
public static class RunEndpoints
{
    public static IEndpointRouteBuilder MapRuns(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/projects/{projectId}/runs", StartAsync).RequireProjectRole(WorkspaceRole.Viewer).RequireRunLimit();
        routes.MapGet("/api/projects/{projectId}/cells/{cellId}/runs", HistoryAsync).RequireProjectRole(WorkspaceRole.Viewer);
        return routes;
    }

    private static async Task<Results<Accepted<RunStarted>, ProblemHttpResult>> StartAsync(
        string projectId, StartRun body, HttpContext http, NotebookReader reader, RunStarter starter, CancellationToken cancellationToken)
    {
        if (await reader.LoadAsync(http.Access().Project.Id, cancellationToken) is not { } loaded)
            return Problems.NotFound($"Project {projectId} does not exist.");
        if (http.Access().Role < WorkspaceRole.Editor && AppView.RunProblem(loaded, body) is { } refused) return refused;
        var (started, problem) = await starter.StartAsync(loaded, body, "requested", cancellationToken);
        return started is not null
            ? TypedResults.Accepted($"/api/projects/{projectId}", started)
            : Problems.BadRequest(problem!);
    }

    private static async Task<Results<Ok<RunHistoryEntry[]>, ProblemHttpResult>> HistoryAsync(
        string projectId, string cellId, IProjectStore store, CancellationToken cancellationToken)
    {
        if (RouteIds.Project(projectId) is not { } id || RouteIds.Cell(cellId) is not { } cell
            || await store.GetCellAsync(id, cell, cancellationToken) is null)
            return Problems.NotFound($"Cell {cellId} does not exist in project {projectId}.");
        var runs = await store.ListRunsAsync(id, cell, cancellationToken);
        return TypedResults.Ok(runs.Select(r => new RunHistoryEntry(
            r.RunId, r.CellId.ToString(), r.Reason, r.Status, r.StartedAt, r.DurationMs, r.Source, r.Outputs)).ToArray());
    }
}
