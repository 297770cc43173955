using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Identity;

/// <summary>How the web UI should sign in: "local" (no sign-in), "entra" (MSAL with clientId, authority, scopes) or
/// "dev" (tokens signed with the development key).</summary>
public sealed record AuthConfig(string Mode, string? ClientId = null, string? Authority = null, IReadOnlyList<string>? Scopes = null);

public sealed record ClientConfig(AuthConfig Auth);

public sealed record MyWorkspace(string Id, string Slug, string Name, WorkspaceRole Role);

public sealed record Me(string Id, string Name, string Email, IReadOnlyList<MyWorkspace> Workspaces);

/// <summary>GET /api/config (anonymous: the page needs it before sign-in) and GET /api/me.</summary>
public static class IdentityEndpoints
{
    public static IEndpointRouteBuilder MapIdentity(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/config", (IOptions<SeptAuthOptions> options) => TypedResults.Ok(new ClientConfig(Describe(options.Value))))
            .AllowAnonymous();
        routes.MapGet("/api/me", MeAsync);
        return routes;
    }

    private static AuthConfig Describe(SeptAuthOptions auth) => auth switch
    {
        { Mode: AuthMode.Local } => new AuthConfig("local"),
        { UsesDevKey: true } => new AuthConfig("dev"),
        _ => new AuthConfig("entra", auth.ClientId, auth.Authority,
            auth.Scopes?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? []),
    };

    private static async Task<Ok<Me>> MeAsync(HttpContext http, WorkspaceAccess access, CancellationToken cancellationToken)
    {
        var user = WorkspaceEndpoints.Caller(http);
        var memberships = await access.MembershipsAsync(user, cancellationToken);
        return TypedResults.Ok(new Me(user.Id, user.Name, user.Email,
            [.. memberships.Select(m => new MyWorkspace(m.Workspace.Id, m.Workspace.Slug, m.Workspace.Name, m.Role))]));
    }
}
