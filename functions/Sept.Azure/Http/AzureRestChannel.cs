using System.Net.Http.Headers;
using Polly;

namespace Sept.Azure.Http;

/// <summary>A response, or the reason no response came back (after retries).</summary>
internal readonly record struct AzureResponse(HttpResponseMessage? Message, AzureCallResult? Unreachable);

/// <summary>
/// The transport the data-plane clients share: a fresh request per attempt (a request cannot be sent twice),
/// a bearer token per attempt, the retry pipeline, and "no answer" turned into a result instead of an exception.
/// </summary>
internal sealed class AzureRestChannel(
    HttpClient http, Func<Uri, CancellationToken, ValueTask<string>> bearer, ResiliencePipeline<HttpResponseMessage> retry)
{
    public static AzureRestChannel WithToken(HttpClient http, AccessTokenSource tokens, AzureRetryOptions? retry) =>
        new(http, (_, ct) => tokens.GetAsync(ct), (retry ?? AzureRetryOptions.Default).BuildPipeline());

    /// <summary>The same channel without retries, for calls that must happen at most once.</summary>
    public AzureRestChannel WithoutRetry() => new(http, bearer, ResiliencePipeline<HttpResponseMessage>.Empty);

    public async Task<AzureResponse> SendAsync(
        HttpMethod method, Uri uri, Func<HttpContent>? content, Action<HttpRequestHeaders>? headers,
        CancellationToken cancellationToken, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        try
        {
            var response = await retry.ExecuteAsync(async ct =>
            {
                using var request = new HttpRequestMessage(method, uri) { Content = content?.Invoke() };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await bearer(uri, ct).ConfigureAwait(false));
                headers?.Invoke(request.Headers);
                return await http.SendAsync(request, completion, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            return new AzureResponse(response, null);
        }
        catch (Exception e) when (AzureCallResult.IsUnreachable(e))
        {
            return new AzureResponse(null, AzureCallResult.Unreachable(uri, e));
        }
    }
}
