using System.Collections.Concurrent;
using System.Net;
using global::Azure.Core;

namespace Sept.Functions.Tests.Azure;

/// <summary>Stands in for an Azure data-plane endpoint: keeps every request and answers with <see cref="Status"/>.</summary>
public sealed class RecordingAzureService : HttpMessageHandler
{
    public HttpStatusCode Status { get; set; } = HttpStatusCode.Created;

    /// <summary>Overrides <see cref="Status"/> per request when set.</summary>
    public Func<HttpRequestMessage, HttpStatusCode>? Answer { get; set; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue(new RecordedRequest(request.Method, request.RequestUri!,
            request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase), body));
        var status = Answer?.Invoke(request) ?? Status;
        return new HttpResponseMessage(status) { Content = new StringContent(status == HttpStatusCode.Forbidden ? "{\"error\":\"no role\"}" : "") };
    }
}

public sealed record RecordedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string Body);

public sealed class StaticTokenCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new("test-token", DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
