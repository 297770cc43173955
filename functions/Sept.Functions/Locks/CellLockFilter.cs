using Sept.Functions.Cells;
using Sept.Functions.Hosting;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Locks;

/// <summary><c>.RequireUnlockedCell()</c> on cell routes with {cellId}, after RequireProjectRole: refuses with 409 when
/// someone other than the caller (an editor or admin) holds the cell's lock (<paramref name="action"/> names the refused act: "edit", "move"). An edit that only sets an input's value passes.</summary>
public static class CellLockFilter
{
    public static TBuilder RequireUnlockedCell<TBuilder>(this TBuilder builder, string action)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (RouteIds.Cell(http.GetRouteValue("cellId") as string ?? "") is not { } cellId) return await next(context);
            var access = http.Access();
            // Viewers' edits are checked by the handler (value-only), whose 403 says more than a lock would.
            if (access.Role < WorkspaceRole.Editor) return await next(context);
            var store = http.RequestServices.GetRequiredService<IProjectStore>();
            if (await store.GetCellAsync(access.Project.Id, cellId, http.RequestAborted) is not { Lock: not null } cell)
                return await next(context);
            if (context.Arguments.OfType<UpdateCell>().FirstOrDefault() is { } body && CellLockGuard.IsValueOnly(cell, body))
                return await next(context);
            return CellLockGuard.Problem(cell, access.User, action) ?? await next(context);
        });
}
