using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Locks;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Cells;

/// <summary>/api/projects/{projectId}/cells: add (after a cell), edit (If-Match required), move, delete; a cell
/// locked by someone else refuses the last three (409, Locks/CellLockFilter).</summary>
public static class CellEndpoints
{
    public static IEndpointRouteBuilder MapCells(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/projects/{projectId}/cells");
        group.MapPost("/", AddAsync).RequireProjectRole(WorkspaceRole.Editor);
        // Viewers may set an input cell's value (the app view); CellEndpoints checks that nothing else changes.
        group.MapPatch("/{cellId}", UpdateAsync).RequireProjectRole(WorkspaceRole.Viewer).RequireUnlockedCell("edit");
        group.MapPost("/{cellId}/move", MoveAsync).RequireProjectRole(WorkspaceRole.Editor).RequireUnlockedCell("move");
        group.MapDelete("/{cellId}", DeleteAsync).RequireProjectRole(WorkspaceRole.Editor).RequireUnlockedCell("delete");
        return routes;
    }

    private static async Task<Results<Created<CellDto>, ProblemHttpResult>> AddAsync(
        string projectId, CreateCell body, CellCommands commands, CancellationToken cancellationToken)
    {
        if (RouteIds.Project(projectId) is not { } id) return Problems.NotFound($"Project {projectId} does not exist.");
        var outcome = await commands.AddAsync(id, body, cancellationToken);
        return outcome is CellOutcome.Done done
            ? TypedResults.Created($"/api/projects/{projectId}/cells/{done.Cell.Id}", done.Cell)
            : ToProblem(outcome);
    }

    private static async Task<Results<Ok<CellDto>, ProblemHttpResult>> UpdateAsync(
        string projectId, string cellId, UpdateCell body, HttpRequest request, IProjectStore store, CellCommands commands,
        CancellationToken cancellationToken)
    {
        if (RouteIds.Project(projectId) is not { } id || RouteIds.Cell(cellId) is not { } cell)
            return Problems.NotFound($"Cell {cellId} does not exist in project {projectId}.");
        if (request.HttpContext.Access().Role < WorkspaceRole.Editor)
        {
            if (await store.GetCellAsync(id, cell, cancellationToken) is not { } stored)
                return Problems.NotFound($"Cell {cellId} does not exist in project {projectId}.");
            if (AppView.EditProblem(stored, body) is { } refused) return refused;
        }
        var (version, bad) = IfMatch.Read(request);
        if (bad is not null) return bad;
        if (version is null)
            return Problems.Problem(StatusCodes.Status428PreconditionRequired, "If-Match required",
                "Send If-Match: <version> with the cell version the edit is based on, so no edit is silently lost.");
        return await commands.UpdateAsync(id, cell, body, version.Value, cancellationToken) switch
        {
            CellOutcome.Done done => TypedResults.Ok(done.Cell),
            var other => ToProblem(other),
        };
    }

    private static async Task<Results<Ok<CellDto>, ProblemHttpResult>> MoveAsync(
        string projectId, string cellId, MoveCell body, CellCommands commands, CancellationToken cancellationToken)
    {
        if (RouteIds.Project(projectId) is not { } id || RouteIds.Cell(cellId) is not { } cell)
            return Problems.NotFound($"Cell {cellId} does not exist in project {projectId}.");
        return await commands.MoveAsync(id, cell, body, cancellationToken) switch
        {
            CellOutcome.Done done => TypedResults.Ok(done.Cell),
            var other => ToProblem(other),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string projectId, string cellId, CellCommands commands, CancellationToken cancellationToken) =>
        RouteIds.Project(projectId) is { } id && RouteIds.Cell(cellId) is { } cell && await commands.DeleteAsync(id, cell, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Cell {cellId} does not exist in project {projectId}.");

    private static ProblemHttpResult ToProblem(CellOutcome outcome) => outcome switch
    {
        CellOutcome.NotFound n => Problems.NotFound(n.Detail),
        CellOutcome.Stale s => Problems.Problem(StatusCodes.Status412PreconditionFailed, "Stale version",
            $"The cell changed since the version you edited; it is now at version {s.Current.Version}. Merge with 'current' and retry.",
            new Dictionary<string, object?> { ["current"] = s.Current }),
        CellOutcome.Invalid i => Problems.Problem(i.Status, "Invalid cell", i.Detail),
        _ => Problems.Problem(StatusCodes.Status500InternalServerError, "Unexpected outcome", outcome.GetType().Name),
    };
}
