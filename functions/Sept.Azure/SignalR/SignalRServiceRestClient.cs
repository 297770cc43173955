using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Polly;
using Sept.Azure.Http;

namespace Sept.Azure.SignalR;

/// <summary>
/// SignalR Service (Serverless mode) data-plane REST client: group sends, group membership of connections and
/// client tokens for negotiate. Authenticates with Entra ID or, as a fallback, access-key JWTs.
/// </summary>
public sealed class SignalRServiceRestClient
{
    public const string Scope = "https://signalr.azure.com/.default";
    public const string ApiVersion = "2022-06-01";
    public const string TokenApiVersion = "2022-11-01";

    /// <summary>The service rejects bodies over 1 MB; checked here so callers get a clear error, not a 413.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    const string Role = "SignalR Service Owner";
    readonly HttpClient _http;
    readonly SignalRServiceOptions _options;
    readonly AccessTokenSource? _entra;
    readonly SignalRAccessKeyTokens? _keys;
    readonly ResiliencePipeline<HttpResponseMessage> _retry;
    readonly JsonSerializerOptions _json;

    public SignalRServiceRestClient(
        HttpClient http, SignalRServiceOptions options, SignalRServiceAuth auth,
        AzureRetryOptions? retry = null, JsonSerializerOptions? json = null, TimeProvider? time = null)
    {
        _http = http;
        _options = options;
        (_entra, _keys) = auth switch
        {
            SignalRServiceAuth.Entra e => (new AccessTokenSource(e.Credential, Scope), (SignalRAccessKeyTokens?)null),
            SignalRServiceAuth.AccessKey k => (null, new SignalRAccessKeyTokens(k.Key, time ?? TimeProvider.System)),
            _ => throw new ArgumentOutOfRangeException(nameof(auth)),
        };
        _retry = (retry ?? AzureRetryOptions.Default).BuildPipeline();
        _json = json ?? JsonSerializerOptions.Web;
    }

    /// <summary>Pushes one hub invocation to every connection in a group (202 Accepted).</summary>
    public async Task<AzureCallResult> SendToGroupAsync(
        string group, SignalRMessage message, string? excludedConnectionId, CancellationToken cancellationToken)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(new { target = message.Target, arguments = message.Arguments }, _json);
        if (body.Length > MaxBodyBytes)
            return AzureCallResult.Invalid($"SignalR message '{message.Target}' is {body.Length} bytes; the service accepts at most {MaxBodyBytes}. Send a pointer to the data instead.");
        var query = $"api-version={ApiVersion}" + (excludedConnectionId is null ? "" : $"&excluded={Uri.EscapeDataString(excludedConnectionId)}");
        var uri = HubUri($"groups/{Uri.EscapeDataString(group)}/:send", query);
        return await CallAsync(HttpMethod.Post, uri, body, [HttpStatusCode.Accepted, HttpStatusCode.OK], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a connection to a group; 404 means the connection is gone.</summary>
    public Task<AzureCallResult> AddConnectionToGroupAsync(string group, string connectionId, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Put, GroupConnectionUri(group, connectionId), null, [HttpStatusCode.OK], cancellationToken);

    public Task<AzureCallResult> RemoveConnectionFromGroupAsync(string group, string connectionId, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Delete, GroupConnectionUri(group, connectionId), null, [HttpStatusCode.OK], cancellationToken);

    /// <summary>
    /// Connection info for negotiate. Entra: the service mints the token (:generateToken);
    /// access key: signed here with aud = client URL and nameid = <paramref name="userId"/>.
    /// </summary>
    public async Task<AzureCallResult<SignalRClientConnection>> NegotiateAsync(
        string? userId, TimeSpan lifetime, CancellationToken cancellationToken)
    {
        if (_keys is not null)
            return AzureCallResult<SignalRClientConnection>.Ok(
                new SignalRClientConnection(_options.ClientUrl, _keys.ForClient(_options.ClientUrl, userId, lifetime)), HttpStatusCode.OK);

        var minutes = Math.Max(1, (int)Math.Ceiling(lifetime.TotalMinutes));
        var query = $"api-version={TokenApiVersion}&minutesToExpire={minutes}" + (userId is null ? "" : $"&userId={Uri.EscapeDataString(userId)}");
        var uri = HubUri(":generateToken", query);
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(HttpMethod.Post, uri, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (AzureCallResult.IsUnreachable(e))
        {
            return AzureCallResult<SignalRClientConnection>.From(AzureCallResult.Unreachable(uri, e));
        }
        using var _ = response;
        if (response.StatusCode != HttpStatusCode.OK)
            return AzureCallResult<SignalRClientConnection>.From(await FailureAsync(response, cancellationToken).ConfigureAwait(false));
        var token = await response.Content.ReadFromJsonAsync<GeneratedToken>(_json, cancellationToken).ConfigureAwait(false);
        if (token?.Token is not { Length: > 0 } value)
            return AzureCallResult<SignalRClientConnection>.From(AzureCallResult.Failed(response.StatusCode, "SignalR :generateToken answered without a token."));
        return AzureCallResult<SignalRClientConnection>.Ok(new SignalRClientConnection(_options.ClientUrl, value), response.StatusCode);
    }

    sealed record GeneratedToken(string? Token);

    Uri GroupConnectionUri(string group, string connectionId) =>
        HubUri($"groups/{Uri.EscapeDataString(group)}/connections/{Uri.EscapeDataString(connectionId)}", $"api-version={ApiVersion}");

    Uri HubUri(string relative, string query) =>
        new(new Uri(_options.Endpoint.GetLeftPart(UriPartial.Authority)), $"/api/hubs/{Uri.EscapeDataString(_options.Hub)}/{relative}?{query}");

    async Task<AzureCallResult> CallAsync(
        HttpMethod method, Uri uri, byte[]? body, HttpStatusCode[] success, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await SendAsync(method, uri, body, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (AzureCallResult.IsUnreachable(e))
        {
            return AzureCallResult.Unreachable(uri, e);
        }
        using var _ = response;
        return success.Contains(response.StatusCode)
            ? AzureCallResult.Ok(response.StatusCode)
            : await FailureAsync(response, cancellationToken).ConfigureAwait(false);
    }

    Task<HttpResponseMessage> SendAsync(HttpMethod method, Uri uri, byte[]? body, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(async ct =>
        {
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await BearerAsync(uri, ct).ConfigureAwait(false));
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }
            return await _http.SendAsync(request, ct).ConfigureAwait(false);
        }, cancellationToken).AsTask();

    ValueTask<string> BearerAsync(Uri uri, CancellationToken cancellationToken) =>
        _entra is not null
            ? _entra.GetAsync(cancellationToken)
            : ValueTask.FromResult(_keys!.ForServerCall(uri, _options.ServerTokenLifetime));

    Task<AzureCallResult> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ErrorText.FailureAsync($"SignalR Service hub '{_options.Hub}'", response, response.StatusCode switch
        {
            HttpStatusCode.NotFound => "the connection or group does not exist (the client disconnected?)",
            HttpStatusCode.RequestEntityTooLarge => "the message is too large",
            var s => ErrorText.CommonMeaning(s, Role),
        }, cancellationToken);
}
