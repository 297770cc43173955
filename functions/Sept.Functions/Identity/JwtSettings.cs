using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc;
using Microsoft.IdentityModel.Tokens;

namespace Sept.Functions.Identity;

/// <summary>Bearer token validation for Jwt mode: Entra ID (issuer and keys from the authority's metadata) or the
/// development key (HS256 only). Issuer, audience, signature and lifetime are always validated; unsigned tokens
/// ("alg": "none") are refused. Claims keep their token names (oid, sub, name, preferred_username).</summary>
public static class JwtSettings
{
    /// <summary>SignalR clients send the token in the query string on WebSockets and SSE (browsers cannot set headers there).</summary>
    public const string HubPath = "/api/hub";

    public static void Apply(JwtBearerOptions options, SeptAuthOptions auth)
    {
        options.MapInboundClaims = false;
        if (auth.UsesDevKey)
        {
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = auth.Issuer,
                ValidAudience = auth.DevAudience,
                IssuerSigningKey = new SymmetricSecurityKey(Convert.FromBase64String(auth.DevSigningKey!)),
                ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            };
        }
        else
        {
            // Entra v2.0 access tokens carry the API app's client id as "aud"; v1.0 ones its api://… URI: both may be listed.
            options.Authority = auth.Authority;
            options.TokenValidationParameters.ValidAudiences = auth.Audience!.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        }
        var p = options.TokenValidationParameters;
        p.ValidateIssuer = p.ValidateAudience = p.ValidateLifetime = p.ValidateIssuerSigningKey = true;
        p.RequireSignedTokens = p.RequireExpirationTime = true;
        p.ClockSkew = TimeSpan.FromMinutes(1);
        p.NameClaimType = "name";
        options.Events = new JwtBearerEvents { OnMessageReceived = ReadHubToken, OnChallenge = WriteProblemAsync };
    }

    private static Task ReadHubToken(MessageReceivedContext context)
    {
        var request = context.Request;
        if (request.Path.StartsWithSegments(HubPath) && string.IsNullOrEmpty(request.Headers.Authorization)
            && request.Query["access_token"] is { Count: > 0 } token)
            context.Token = token.ToString();
        return Task.CompletedTask;
    }

    // 401 as problem+json like every other error. The detail never repeats the token or the validator's message.
    private static async Task WriteProblemAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        var detail = context.AuthenticateFailure switch
        {
            null => "Send a bearer token (Authorization: Bearer <token>).",
            SecurityTokenExpiredException => "The bearer token has expired; sign in again.",
            _ => "The bearer token is not valid here (issuer, audience or signature).",
        };
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status401Unauthorized, Title = "Sign-in required", Detail = detail },
        });
    }
}
