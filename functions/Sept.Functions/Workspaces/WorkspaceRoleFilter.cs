using Sept.Functions.Hosting;
using Sept.Functions.Identity;

namespace Sept.Functions.Workspaces;

/// <summary><c>.RequireWorkspaceRole(role)</c> on routes with a <c>{workspaceId}</c>: 401 without a user, 404 when the
/// caller is not a member (same answer as an unknown id), 403 below the role; the handler reads the membership with
/// <see cref="WorkspaceMembership"/>.</summary>
public static class WorkspaceRoleFilter
{
    private static readonly object MembershipKey = new();

    public static TBuilder RequireWorkspaceRole<TBuilder>(this TBuilder builder, WorkspaceRole minimum)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var workspaceId = http.GetRouteValue("workspaceId") as string ?? "";
            if (SeptUser.FromPrincipal(http.User) is not { } user)
                return Problems.Problem(StatusCodes.Status401Unauthorized, "Sign-in required", "Send a valid bearer token.");
            var access = http.RequestServices.GetRequiredService<WorkspaceAccess>();
            if (!WorkspaceIds.IsValid(workspaceId) || await access.MembershipAsync(user, workspaceId, http.RequestAborted) is not { } membership)
                return NotFound(workspaceId);
            if (membership.Role < minimum)
                return Problems.Problem(StatusCodes.Status403Forbidden, "Forbidden",
                    $"This needs the {Name(minimum)} role; you are {Name(membership.Role)}.");
            http.Items[MembershipKey] = (user, membership);
            return await next(context);
        });

    /// <summary>The caller and their membership, left by <see cref="RequireWorkspaceRole{TBuilder}"/>.</summary>
    public static (SeptUser User, Membership Membership) WorkspaceMembership(this HttpContext context) =>
        context.Items[MembershipKey] as (SeptUser, Membership)?
        ?? throw new InvalidOperationException("The route has no RequireWorkspaceRole filter.");

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult NotFound(string workspaceId) =>
        Problems.NotFound($"Workspace {workspaceId} does not exist.");

    public static string Name(WorkspaceRole role) => role.ToString().ToLowerInvariant();
}
