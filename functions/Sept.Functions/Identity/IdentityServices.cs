using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Identity;

/// <summary>Sign-in for both modes behind one policy scheme ("Sept"), and a fallback policy that makes every endpoint
/// need a user unless it says AllowAnonymous; project access from workspace membership.</summary>
public static class IdentityServices
{
    public const string Scheme = "Sept";

    public static IServiceCollection AddSeptIdentity(this IServiceCollection services)
    {
        services.AddOptions<SeptAuthOptions>().BindConfiguration(SeptAuthOptions.Section)
            .Validate(o => o.Problem() is null,
                "Sept:Auth is incomplete: Jwt mode needs Authority and Audience (Entra ID) or a base64 DevSigningKey of 32+ bytes.")
            .ValidateOnStart();
        services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "Sept", o => o.ForwardDefaultSelector = context =>
                context.RequestServices.GetRequiredService<IOptions<SeptAuthOptions>>().Value.Mode == AuthMode.Jwt
                    ? JwtBearerDefaults.AuthenticationScheme
                    : LocalAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, LocalAuthenticationHandler>(LocalAuthenticationHandler.SchemeName, null)
            .AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<SeptAuthOptions>>((jwt, auth) => JwtSettings.Apply(jwt, auth.Value));
        // A valid token without a user id (oid/sub) is signed in but cannot be anyone: 403.
        services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser()
            .RequireAssertion(c => SeptUser.FromPrincipal(c.User) is not null).Build());
        services.AddSingleton<WorkspaceAccess>();
        services.AddSingleton<MembershipAuthorizer>();
        services.AddSingleton<IProjectAuthorizer>(sp => sp.GetRequiredService<MembershipAuthorizer>());
        services.AddSingleton<IMemberDirectory>(sp => sp.GetRequiredService<MembershipAuthorizer>());
        // "Request starting ..." logs the query string, which carries the SignalR access_token: keep it out of logs.
        services.AddLogging(b => b.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning));
        return services;
    }
}
