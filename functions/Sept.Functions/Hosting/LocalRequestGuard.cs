using Microsoft.Extensions.Options;
using Sept.Functions.Identity;

namespace Sept.Functions.Hosting;

/// <summary>Local mode has no sign-in, so any web page the user opens could otherwise drive Sept: a DNS-rebound name
/// reads the API, and a cross-site form or fetch ("simple" requests need no CORS preflight) imports, uploads, restores
/// or runs code. Two checks, Local mode only: the Host must be one of <see cref="SeptOptions.AllowedHosts"/>
/// (421 otherwise), and a state-changing request, or a hub connection, from a browser must come from Sept's own
/// origin (Origin and Sec-Fetch-Site; 403 otherwise). Calls without those headers (curl, scripts) pass.
/// Jwt mode needs neither: a bearer token is never sent by the browser on its own.</summary>
public static class LocalRequestGuard
{
    public static IApplicationBuilder UseLocalRequestGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.RequestServices.GetRequiredService<IOptions<SeptAuthOptions>>().Value.Mode != AuthMode.Local)
        {
            await next(context);
            return;
        }
        var allowed = context.RequestServices.GetRequiredService<IOptions<SeptOptions>>().Value.AllowedHosts;
        if (!IsAllowedHost(context.Request.Host.Host, allowed))
        {
            await Problems.WriteAsync(context, StatusCodes.Status421MisdirectedRequest, "Unknown host",
                $"Sept in Local mode answers only for {allowed}; add this host name to Sept:AllowedHosts to use it.");
            return;
        }
        if (NeedsSameOrigin(context.Request) && !IsSameOrigin(context.Request))
        {
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Cross-origin request refused",
                "Sept in Local mode accepts changes only from its own pages.");
            return;
        }
        await next(context);
    });

    public static bool IsAllowedHost(string host, string allowed) =>
        allowed.Split([';', ',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Any(name => name == "*" || string.Equals(name.Trim('[', ']'), host.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    // Reads are safe (the browser does not let another origin see the answer, and there is no CORS); the hub is not:
    // a WebSocket may connect from any origin and would receive every event.
    private static bool NeedsSameOrigin(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        || request.Path.StartsWithSegments("/api/hub");

    private static bool IsSameOrigin(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none")) return false;
        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        return Uri.TryCreate(origin, UriKind.Absolute, out var uri)
            && string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}
