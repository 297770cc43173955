using System.Net;
using System.Net.Http.Headers;
using Azure.Core;
using Sept.Azure.Http;

namespace Sept.Azure.Sessions;

/// <summary>
/// Calls kernels in Container Apps dynamic sessions. Every path after the pool management endpoint is forwarded
/// to the session's container; ?identifier= picks (or allocates) the session. Token audience https://dynamicsessions.io.
/// </summary>
public sealed class SessionPoolClient
{
    public const string Scope = "https://dynamicsessions.io/.default";
    public const string ManagementApiVersion = "2025-10-02-preview";
    const string Role = "Azure ContainerApps Session Executor";

    readonly Uri _poolEndpoint;
    readonly AzureRestChannel _channel;

    public SessionPoolClient(HttpClient http, TokenCredential credential, Uri poolEndpoint, AzureRetryOptions? retry = null)
    {
        // A trailing slash so relative paths append instead of replacing the last segment.
        _poolEndpoint = poolEndpoint.AbsoluteUri.EndsWith('/') ? poolEndpoint : new Uri(poolEndpoint.AbsoluteUri + "/");
        _channel = AzureRestChannel.WithToken(http, new AccessTokenSource(credential, Scope), retry);
    }

    /// <summary>
    /// POST {pool}/kernel/execute?identifier=… with a JSON body and streams the NDJSON reply. Not retried:
    /// the request runs user code, and the run pipeline (Service Bus redelivery + fencing) owns retries.
    /// </summary>
    public Task<AzureCallResult<KernelLineStream>> ExecuteAsync(
        SessionIdentifier session, ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken) =>
        PostStreamingAsync(session, "kernel/execute", requestJson, cancellationToken);

    /// <summary>POST to any kernel path (kernel/interrupt, kernel/status) and stream the reply.</summary>
    public async Task<AzureCallResult<KernelLineStream>> PostStreamingAsync(
        SessionIdentifier session, string kernelPath, ReadOnlyMemory<byte> requestJson, CancellationToken cancellationToken)
    {
        var sent = await _channel.WithoutRetry().SendAsync(HttpMethod.Post, SessionUri(kernelPath, session),
            () => new ReadOnlyMemoryContent(requestJson) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            null, cancellationToken, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        if (sent.Unreachable is { } unreachable) return AzureCallResult<KernelLineStream>.From(unreachable);
        var response = sent.Message!;
        if (response.IsSuccessStatusCode)
            return AzureCallResult<KernelLineStream>.Ok(new KernelLineStream(response), response.StatusCode);
        using (response)
            return AzureCallResult<KernelLineStream>.From(await FailureAsync(response, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Destroys a session and its kernel state. A session that no longer exists counts as stopped.</summary>
    public async Task<AzureCallResult> StopSessionAsync(SessionIdentifier session, CancellationToken cancellationToken)
    {
        var uri = new Uri(_poolEndpoint, $".management/stopSession?api-version={ManagementApiVersion}&identifier={Uri.EscapeDataString(session.Value)}");
        var sent = await _channel.SendAsync(HttpMethod.Post, uri, null, null, cancellationToken).ConfigureAwait(false);
        if (sent.Unreachable is { } unreachable) return unreachable;
        using var response = sent.Message!;
        if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
            return AzureCallResult.Ok(response.StatusCode);
        return await FailureAsync(response, cancellationToken).ConfigureAwait(false);
    }

    Uri SessionUri(string kernelPath, SessionIdentifier session) =>
        new(_poolEndpoint, $"{kernelPath.TrimStart('/')}?identifier={Uri.EscapeDataString(session.Value)}");

    static Task<AzureCallResult> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ErrorText.FailureAsync("Session pool", response, response.StatusCode switch
        {
            HttpStatusCode.NotFound => "no session could be allocated (the pool is at maxConcurrentSessions) or the path does not exist",
            var s => ErrorText.CommonMeaning(s, Role),
        }, cancellationToken);
}
