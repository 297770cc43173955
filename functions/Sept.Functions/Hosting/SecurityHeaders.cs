using Microsoft.Extensions.Options;
using Sept.Functions.Identity;

namespace Sept.Functions.Hosting;

/// <summary>Headers on every response (UI, API, errors): a strict Content-Security-Policy (scripts only from Sept
/// itself, no inline script, no eval — Vega runs with its expression interpreter), no MIME sniffing, and no
/// framing. Styles allow 'unsafe-inline' because CodeMirror and vega-embed insert style elements.</summary>
public static class SecurityHeaders
{
    // Set when the response starts: the exception handler clears headers set earlier.
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            var signIn = SignInOrigin(context.RequestServices.GetRequiredService<IOptions<SeptAuthOptions>>().Value);
            headers.ContentSecurityPolicy = Policy(context.Request, signIn);
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>The policy for a request to <paramref name="request"/>'s host; <paramref name="signIn"/> is the
    /// Entra authority's origin MSAL talks to (token calls and its silent-renewal frame), if any.</summary>
    public static string Policy(HttpRequest request, string? signIn)
    {
        // 'self' covers same-origin WebSockets in current browsers; the explicit ws(s) source covers the rest.
        var socket = $"{(request.IsHttps ? "wss" : "ws")}://{request.Host}";
        var extra = signIn is null ? "" : " " + signIn;
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            $"connect-src 'self' {socket}{extra}",
            $"frame-src {(signIn ?? "'none'")}",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }

    private static string? SignInOrigin(SeptAuthOptions auth) =>
        auth.Mode == AuthMode.Jwt && Uri.TryCreate(auth.Authority, UriKind.Absolute, out var authority)
            ? authority.GetLeftPart(UriPartial.Authority)
            : null;
}
