using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Cells;
using Sept.Functions.Hosting;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Locks;

/// <summary>PUT/DELETE /api/projects/{projectId}/cells/{cellId}/lock: lock a cell to yourself, unlock it.</summary>
public static class CellLockEndpoints
{
    public static IEndpointRouteBuilder MapCellLocks(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/projects/{projectId}/cells/{cellId}/lock");
        group.MapPut("/", LockAsync).RequireProjectRole(WorkspaceRole.Editor);
        group.MapDelete("/", UnlockAsync).RequireProjectRole(WorkspaceRole.Editor);
        return routes;
    }

    public static IServiceCollection AddCellLocks(this IServiceCollection services) => services.AddSingleton<CellLockCommands>();

    private static async Task<Results<Ok<CellDto>, ProblemHttpResult>> LockAsync(
        string cellId, HttpContext http, CellLockCommands locks, CancellationToken cancellationToken)
    {
        var access = http.Access();
        if (RouteIds.Cell(cellId) is not { } id) return Problems.NotFound($"Cell {cellId} does not exist in project {access.Project.Id}.");
        return await locks.LockAsync(access.Project.Id, id, access.User, cancellationToken) switch
        {
            CommandOutcome<CellDto>.Done done => TypedResults.Ok(done.Value),
            CellLockCommands.HeldBy held => CellLockGuard.Locked(held.Lock, "lock"),
            var refused => refused.ToProblem("Invalid lock"),
        };
    }

    private static async Task<Results<Ok<CellDto>, ProblemHttpResult>> UnlockAsync(
        string cellId, HttpContext http, CellLockCommands locks, CancellationToken cancellationToken)
    {
        var access = http.Access();
        if (RouteIds.Cell(cellId) is not { } id) return Problems.NotFound($"Cell {cellId} does not exist in project {access.Project.Id}.");
        return await locks.UnlockAsync(access.Project.Id, id, access.User, access.Role, cancellationToken) switch
        {
            CommandOutcome<CellDto>.Done done => TypedResults.Ok(done.Value),
            var refused => refused.ToProblem("Invalid unlock"),
        };
    }
}
