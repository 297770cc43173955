using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Sept.Functions.Hosting;

/// <summary>Turns bad-request exceptions (malformed JSON, wrong-typed fields, oversized bodies) into 4xx
/// problem+json with the parser's message; anything else stays a 500 problem.</summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException bad => (bad.StatusCode, "Bad request", Detail(bad)),
            JsonException json => (StatusCodes.Status400BadRequest, "Malformed JSON", json.Message),
            InvalidDataException data => (StatusCodes.Status400BadRequest, "Malformed body", data.Message),
            _ => (StatusCodes.Status500InternalServerError, "Unexpected error", "The server failed; see its log."),
        };
        // A handled exception is not logged by the middleware; a 500 must be, since its body points at the log.
        if (status >= StatusCodes.Status500InternalServerError)
            logger.LogError(exception, "Unhandled error on {Method} {Path}", httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    // The interesting message is usually the inner JsonException ("The JSON value could not be converted ... Path: $.source").
    private static string Detail(BadHttpRequestException bad) =>
        bad.InnerException is JsonException json ? $"{bad.Message} {json.Message}" : bad.Message;
}
