using Sept.Functions.Hosting;

namespace Sept.Functions.Workspaces;

/// <summary><c>.RequireProjectRole(role)</c> on routes with a <c>{projectId}</c>: answers 401/404/403 before the
/// handler runs and leaves the grant in <see cref="HttpContext.Items"/> for the handler
/// (<see cref="ProjectRoleFilter.Access"/>).</summary>
public static class ProjectRoleFilter
{
    private static readonly object GrantKey = new();

    public static TBuilder RequireProjectRole<TBuilder>(this TBuilder builder, WorkspaceRole minimum)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var text = http.GetRouteValue("projectId") as string;
            if (RouteIds.Project(text ?? "") is not { } projectId)
                return Problems.NotFound($"Project {text} does not exist.");
            var authorizer = http.RequestServices.GetRequiredService<IProjectAuthorizer>();
            switch (await authorizer.AuthorizeAsync(http.User, projectId, minimum, http.RequestAborted))
            {
                case ProjectAccess.Granted granted:
                    http.Items[GrantKey] = granted;
                    return await next(context);
                case ProjectAccess.Forbidden forbidden:
                    return Problems.Problem(StatusCodes.Status403Forbidden, "Forbidden",
                        $"This needs the {forbidden.Needed.ToString().ToLowerInvariant()} role; you are {forbidden.Role.ToString().ToLowerInvariant()}.");
                case ProjectAccess.Unauthenticated:
                    return Problems.Problem(StatusCodes.Status401Unauthorized, "Sign-in required", "Send a valid bearer token.");
                default:
                    return Problems.NotFound($"Project {text} does not exist.");
            }
        });

    /// <summary>The grant <see cref="RequireProjectRole{TBuilder}"/> left for this request.</summary>
    public static ProjectAccess.Granted Access(this HttpContext context) =>
        context.Items[GrantKey] as ProjectAccess.Granted
        ?? throw new InvalidOperationException("The route has no RequireProjectRole filter.");
}
