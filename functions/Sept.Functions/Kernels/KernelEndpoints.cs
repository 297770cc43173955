using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Kernels;

public sealed record KernelAction(string Outcome);

/// <summary>Interrupt and restart a project's kernel; page through a cell's table result.</summary>
public static class KernelEndpoints
{
    public const int MaxPageSize = 10_000;

    public static IEndpointRouteBuilder MapKernels(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/projects/{projectId}/kernel/interrupt", InterruptAsync).RequireProjectRole(WorkspaceRole.Editor).RequireRunLimit();
        routes.MapPost("/api/projects/{projectId}/kernel/restart", RestartAsync).RequireProjectRole(WorkspaceRole.Editor).RequireRunLimit();
        routes.MapGet("/api/projects/{projectId}/cells/{cellId}/result", ResultAsync).RequireProjectRole(WorkspaceRole.Viewer);
        return routes;
    }

    private static async Task<Results<Accepted<KernelAction>, ProblemHttpResult>> InterruptAsync(
        string projectId, IProjectStore store, IKernelHost kernels, Connections.ConnectionRuns connectionRuns, CancellationToken cancellationToken)
    {
        if (RouteIds.Project(projectId) is not { } id || await store.GetProjectAsync(id, cancellationToken) is null)
            return Problems.NotFound($"Project {projectId} does not exist.");
        // A connection query runs in the app, not the kernel (Connections/ConnectionCells.cs).
        if (connectionRuns.Interrupt(id)) return TypedResults.Accepted((string?)null, new KernelAction("interrupted"));
        var outcome = await kernels.InterruptAsync(id, cancellationToken);
        return TypedResults.Accepted((string?)null, new KernelAction(outcome.ToString().ToLowerInvariant()));
    }

    private static async Task<Results<Accepted<KernelAction>, ProblemHttpResult>> RestartAsync(
        string projectId, KernelRestarter restarter, CancellationToken cancellationToken)
    {
        if (RouteIds.Project(projectId) is not { } id || !await restarter.RestartAsync(id, cancellationToken))
            return Problems.NotFound($"Project {projectId} does not exist.");
        return TypedResults.Accepted((string?)null, new KernelAction("restarted"));
    }

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> ResultAsync(
        string projectId, string cellId, IProjectStore store, IKernelHost kernels, CancellationToken cancellationToken,
        int offset = 0, int limit = 100)
    {
        if (RouteIds.Project(projectId) is not { } id || RouteIds.Cell(cellId) is not { } cell
            || await store.GetCellAsync(id, cell, cancellationToken) is null)
            return Problems.NotFound($"Cell {cellId} does not exist in project {projectId}.");
        if (offset < 0 || limit < 1 || limit > MaxPageSize)
            return Problems.BadRequest($"offset must be >= 0 and limit 1..{MaxPageSize}.");
        return await kernels.GetTablePageAsync(id, cell, offset, limit, cancellationToken) is { } page
            ? TypedResults.Ok(page)
            : Problems.NotFound($"Cell {cellId} has no table result in the running kernel; run it first.");
    }
}
