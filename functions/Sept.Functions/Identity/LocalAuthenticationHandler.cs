using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Sept.Functions.Identity;

/// <summary>Local mode's sign-in: every request is <see cref="SeptUser.Local"/>, so Local and Jwt mode share one
/// pipeline (the same authorization policy, the same membership checks).</summary>
public sealed class LocalAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "SeptLocal";

    private static readonly ClaimsPrincipal Principal = new(new ClaimsIdentity(
        [
            new Claim("sub", SeptUser.Local.Id),
            new Claim("name", SeptUser.Local.Name),
            new Claim("preferred_username", SeptUser.Local.Email),
        ],
        SchemeName, "name", "roles"));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Principal, SchemeName)));
}
