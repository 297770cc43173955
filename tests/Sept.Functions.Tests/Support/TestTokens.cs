using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;
using Sept.Functions.Identity;

namespace Sept.Functions.Tests.Support;

/// <summary>Mints bearer tokens for an app in Jwt dev-key mode (<see cref="JwtApplication"/>): HS256 signed with
/// <see cref="SigningKey"/>, issuer "sept-dev", audience "sept", claims sub/oid, name, preferred_username.
/// <c>TestTokens.For(user)</c> is a valid token; <c>Mint(...)</c> bends one thing for token tests.</summary>
public static class TestTokens
{
    /// <summary>The base64 key <see cref="JwtApplication"/> configures as Sept:Auth:DevSigningKey.</summary>
    public static string SigningKey { get; } = Convert.ToBase64String("sept-tests-development-signing-key-0123456789"u8.ToArray());

    public const string Issuer = "sept-dev";
    public const string Audience = "sept";

    /// <summary>A person for tests: id "u-{name}", email "{name}@example.test".</summary>
    public static SeptUser User(string name) => new($"u-{name}", name, $"{name}@example.test");

    /// <summary>A valid token for the user, good for an hour.</summary>
    public static string For(SeptUser user) => Mint(user);

    /// <summary>An HttpClient header value "Bearer {token}".</summary>
    public static AuthenticationHeaderValue Header(SeptUser user) => new("Bearer", For(user));

    /// <summary>A token with any of issuer, audience, key, lifetime changed (defaults: valid).</summary>
    public static string Mint(
        SeptUser user, string issuer = Issuer, string audience = Audience, string? base64Key = null,
        DateTime? notBefore = null, DateTime? expires = null)
    {
        var key = new SymmetricSecurityKey(Convert.FromBase64String(base64Key ?? SigningKey));
        var now = DateTime.UtcNow;
        var token = new JwtSecurityToken(issuer, audience,
            [new Claim("sub", user.Id), new Claim("oid", user.Id), new Claim("name", user.Name), new Claim("preferred_username", user.Email)],
            notBefore ?? now.AddMinutes(-5), expires ?? now.AddHours(1), new SigningCredentials(key, SecurityAlgorithms.HmacSha256));
        return new JwtSecurityTokenHandler().WriteToken(token);
    }

    /// <summary>An unsigned token ("alg": "none") with otherwise valid claims.</summary>
    public static string Unsigned(SeptUser user)
    {
        var now = DateTimeOffset.UtcNow;
        var header = Base64Url("""{"alg":"none","typ":"JWT"}""");
        var payload = Base64Url($$"""{"sub":"{{user.Id}}","oid":"{{user.Id}}","name":"{{user.Name}}","preferred_username":"{{user.Email}}","iss":"{{Issuer}}","aud":"{{Audience}}","nbf":{{now.AddMinutes(-5).ToUnixTimeSeconds()}},"exp":{{now.AddHours(1).ToUnixTimeSeconds()}}}""");
        return $"{header}.{payload}.";
    }

    private static string Base64Url(string json) => Base64UrlEncoder.Encode(json);
}
