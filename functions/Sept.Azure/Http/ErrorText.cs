using System.Net;

namespace Sept.Azure.Http;

/// <summary>Readable failure text from a data-plane response: what the status means plus the service's own words.</summary>
internal static class ErrorText
{
    const int MaxDetail = 512;

    public static async Task<AzureCallResult> FailureAsync(
        string service, HttpResponseMessage response, string? meaning, CancellationToken cancellationToken)
    {
        var detail = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (detail.Length > MaxDetail) detail = detail[..MaxDetail] + "…";
        var status = response.StatusCode;
        var text = $"{service} answered {(int)status} {status}" +
                   (meaning is null ? "" : $": {meaning}") +
                   (string.IsNullOrWhiteSpace(detail) ? "" : $" ({detail.Trim()})");
        return AzureCallResult.Failed(status, text);
    }

    public static string? CommonMeaning(HttpStatusCode status, string role) => status switch
    {
        HttpStatusCode.Unauthorized => "the token was rejected (wrong audience or expired)",
        HttpStatusCode.Forbidden => $"the identity lacks the '{role}' role, or a quota was hit",
        HttpStatusCode.TooManyRequests => "still throttled after retries",
        _ when (int)status >= 500 => "the service failed after retries",
        _ => null,
    };
}
