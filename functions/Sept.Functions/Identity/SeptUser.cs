using System.Security.Claims;

namespace Sept.Functions.Identity;

/// <summary>The person behind a request. <see cref="Id"/> is stable (Entra <c>oid</c>, else <c>sub</c>);
/// <see cref="Email"/> is how admins name people they add to a workspace.</summary>
public sealed record SeptUser(string Id, string Name, string Email)
{
    /// <summary>Local mode's only user: no sign-in, admin of the local workspace.</summary>
    public static SeptUser Local { get; } = new("local", "You", "local@localhost");

    /// <summary>Reads the user from validated token claims; null when the principal is not signed in.</summary>
    public static SeptUser? FromPrincipal(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true) return null;
        var id = Claim(principal, "oid", "http://schemas.microsoft.com/identity/claims/objectidentifier", "sub", ClaimTypes.NameIdentifier);
        if (id is null) return null;
        var email = Claim(principal, "preferred_username", "email", ClaimTypes.Email, "upn") ?? "";
        var name = Claim(principal, "name", ClaimTypes.Name) ?? (email.Length > 0 ? email : id);
        return new SeptUser(id, name, email.ToLowerInvariant());
    }

    private static string? Claim(ClaimsPrincipal principal, params string[] types) =>
        types.Select(t => principal.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
