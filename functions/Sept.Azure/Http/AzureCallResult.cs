using System.Net;

namespace Sept.Azure.Http;

/// <summary>Outcome of one data-plane call: success, or the status and a readable reason.</summary>
public sealed record AzureCallResult(bool Succeeded, HttpStatusCode? Status, string? Error)
{
    public static AzureCallResult Ok(HttpStatusCode status) => new(true, status, null);

    /// <summary>Rejected before anything was sent (bad input, size limits).</summary>
    public static AzureCallResult Invalid(string error) => new(false, null, error);

    public static AzureCallResult Failed(HttpStatusCode status, string error) => new(false, status, error);

    /// <summary>No HTTP answer at all after retries: connection refused, TLS failure, DNS, attempt timeouts.</summary>
    public static AzureCallResult Unreachable(Uri uri, Exception error) =>
        new(false, null, $"Could not reach {uri.GetLeftPart(UriPartial.Path)}: {error.Message}");

    /// <summary>The exceptions that mean "no answer", as opposed to bugs or the caller cancelling.</summary>
    internal static bool IsUnreachable(Exception e) => e is HttpRequestException or Polly.Timeout.TimeoutRejectedException;
}

/// <summary>Outcome of a data-plane call that returns a value.</summary>
public sealed record AzureCallResult<T>(bool Succeeded, T? Value, HttpStatusCode? Status, string? Error)
{
    public static AzureCallResult<T> Ok(T value, HttpStatusCode status) => new(true, value, status, null);

    public static AzureCallResult<T> From(AzureCallResult failure) => new(false, default, failure.Status, failure.Error);
}
