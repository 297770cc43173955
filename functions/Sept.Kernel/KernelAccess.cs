using System.Security.Cryptography;
using System.Text;
using Sept.Kernel.Protocol;

namespace Sept.Kernel;

/// <summary>Every request must carry the kernel's secret (Authorization: Bearer, compared in constant time) when the
/// host set one (SEPT_KERNEL_SECRET; the app always does), and a body must be JSON (or the multipart form of
/// /files/upload): another kernel or a web page cannot drive this one, not even with a "simple" cross-site request.</summary>
internal static class KernelAccess
{
    public static IApplicationBuilder UseKernelAccess(this IApplicationBuilder app)
    {
        var secret = Environment.GetEnvironmentVariable(KernelSecret.Variable) is { Length: > 0 } value ? Encoding.UTF8.GetBytes(value) : null;
        // Not left for cell code that lists the environment (the process's initial environment still has it; it only
        // opens this kernel, which the cell already runs in).
        Environment.SetEnvironmentVariable(KernelSecret.Variable, null);
        return app.Use(async (http, next) =>
        {
            if (secret is not null && !Authorized(http.Request, secret))
            {
                await Results.Problem("Missing or wrong kernel secret.", statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(http);
                return;
            }
            if (HasBody(http.Request) && !AcceptedContentType(http.Request))
            {
                await Results.Problem("Send application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(http);
                return;
            }
            await next(http);
        });
    }

    private static bool Authorized(HttpRequest request, byte[] secret)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.Ordinal)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(header["Bearer ".Length..]), secret);
    }

    private static bool HasBody(HttpRequest request) => request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0;

    private static bool AcceptedContentType(HttpRequest request) =>
        request.HasJsonContentType() || (request.Path.StartsWithSegments("/files/upload") && request.HasFormContentType
            && request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase));
}
