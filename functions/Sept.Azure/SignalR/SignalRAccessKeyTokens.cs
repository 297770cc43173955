using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Sept.Azure.SignalR;

/// <summary>
/// Access-key JWTs as SignalR Service expects them: HS256 signed with the AccessKey, aud = the URL being called
/// without query or trailing slash (server calls) or the client URL (browsers, with nameid = user id), and exp.
/// </summary>
internal sealed class SignalRAccessKeyTokens(string accessKey, TimeProvider time)
{
    readonly SigningCredentials _signing = new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(accessKey)), SecurityAlgorithms.HmacSha256);
    readonly JwtSecurityTokenHandler _handler = new();

    public string ForServerCall(Uri requestUri, TimeSpan lifetime) =>
        Create(Audience(requestUri), userId: null, lifetime);

    public string ForClient(string clientUrl, string? userId, TimeSpan lifetime) =>
        Create(clientUrl, userId, lifetime);

    /// <summary>The request URL without query and without trailing slash.</summary>
    internal static string Audience(Uri requestUri) => requestUri.GetLeftPart(UriPartial.Path).TrimEnd('/');

    string Create(string audience, string? userId, TimeSpan lifetime)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var claims = userId is null ? null : new ClaimsIdentity([new Claim(JwtRegisteredClaimNames.NameId, userId)]);
        var token = _handler.CreateJwtSecurityToken(
            issuer: null, audience: audience, subject: claims,
            notBefore: now, expires: now + lifetime, issuedAt: now, signingCredentials: _signing);
        return _handler.WriteToken(token);
    }
}
