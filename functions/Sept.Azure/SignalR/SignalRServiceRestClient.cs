using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
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
    readonly SignalRServiceOptions _options;
    readonly SignalRAccessKeyTokens? _keys;
    readonly AzureRestChannel _channel;
    readonly JsonSerializerOptions _json;

    public SignalRServiceRestClient(
        HttpClient http, SignalRServiceOptions options, SignalRServiceAuth auth,
        AzureRetryOptions? retry = null, JsonSerializerOptions? json = null, TimeProvider? time = null)
    {
        _options = options;
        _json = json ?? JsonSerializerOptions.Web;
        var pipeline = (retry ?? AzureRetryOptions.Default).BuildPipeline();
        switch (auth)
        {
            case SignalRServiceAuth.Entra e:
                var tokens = new AccessTokenSource(e.Credential, Scope);
                _channel = new AzureRestChannel(http, (_, ct) => tokens.GetAsync(ct), pipeline);
                break;
            case SignalRServiceAuth.AccessKey k:
                var keys = _keys = new SignalRAccessKeyTokens(k.Key, time ?? TimeProvider.System);
                _channel = new AzureRestChannel(http, (uri, _) => ValueTask.FromResult(keys.ForServerCall(uri, options.ServerTokenLifetime)), pipeline);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(auth));
        }
    }

    /// <summary>Pushes one hub invocation to every connection in a group (202 Accepted).</summary>
    public async Task<AzureCallResult> SendToGroupAsync(
        string group, SignalRMessage message, string? excludedConnectionId, CancellationToken cancellationToken)
    {
        var body = Encode(message);
        if (TooLarge(message, body) is { } tooLarge) return tooLarge;
        var query = $"api-version={ApiVersion}" + (excludedConnectionId is null ? "" : $"&excluded={Uri.EscapeDataString(excludedConnectionId)}");
        var uri = HubUri($"groups/{Uri.EscapeDataString(group)}/:send", query);
        return await CallAsync(HttpMethod.Post, uri, body, [HttpStatusCode.Accepted, HttpStatusCode.OK], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Pushes one hub invocation to a single connection (e.g. the current state right after it joins).</summary>
    public async Task<AzureCallResult> SendToConnectionAsync(string connectionId, SignalRMessage message, CancellationToken cancellationToken)
    {
        var body = Encode(message);
        if (TooLarge(message, body) is { } tooLarge) return tooLarge;
        var uri = HubUri($"connections/{Uri.EscapeDataString(connectionId)}/:send", $"api-version={ApiVersion}");
        return await CallAsync(HttpMethod.Post, uri, body, [HttpStatusCode.Accepted, HttpStatusCode.OK], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a connection to a group; 404 means the connection is gone.</summary>
    public Task<AzureCallResult> AddConnectionToGroupAsync(string group, string connectionId, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Put, GroupConnectionUri(group, connectionId), null, [HttpStatusCode.OK], cancellationToken);

    public Task<AzureCallResult> RemoveConnectionFromGroupAsync(string group, string connectionId, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Delete, GroupConnectionUri(group, connectionId), null, [HttpStatusCode.OK], cancellationToken);

    /// <summary>Removes a connection from every group it is in (when a client leaves a project page).</summary>
    public Task<AzureCallResult> RemoveConnectionFromAllGroupsAsync(string connectionId, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Delete, HubUri($"connections/{Uri.EscapeDataString(connectionId)}/groups", $"api-version={ApiVersion}"),
            null, [HttpStatusCode.OK], cancellationToken);

    /// <summary>Closes every connection of a user (the user id of their client token); 204 also when there were none.</summary>
    public Task<AzureCallResult> CloseUserConnectionsAsync(string userId, string? reason, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Post, HubUri($"users/{Uri.EscapeDataString(userId)}/:closeConnections",
                $"api-version={ApiVersion}" + (reason is null ? "" : $"&reason={Uri.EscapeDataString(reason)}")),
            null, [HttpStatusCode.NoContent, HttpStatusCode.OK], cancellationToken);

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
        var sent = await _channel.SendAsync(HttpMethod.Post, HubUri(":generateToken", query), null, null, cancellationToken).ConfigureAwait(false);
        if (sent.Unreachable is { } unreachable) return AzureCallResult<SignalRClientConnection>.From(unreachable);
        using var response = sent.Message!;
        if (response.StatusCode != HttpStatusCode.OK)
            return AzureCallResult<SignalRClientConnection>.From(await FailureAsync(response, cancellationToken).ConfigureAwait(false));
        if (await ReadTokenAsync(response, cancellationToken).ConfigureAwait(false) is not { Length: > 0 } token)
            return AzureCallResult<SignalRClientConnection>.From(AzureCallResult.Failed(response.StatusCode, "SignalR :generateToken answered without a token."));
        return AzureCallResult<SignalRClientConnection>.Ok(new SignalRClientConnection(_options.ClientUrl, token), response.StatusCode);
    }

    /// <summary>The "token" of a :generateToken reply, or null when the body is not that shape.</summary>
    static async Task<string?> ReadTokenAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var doc = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken).ConfigureAwait(false);
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("token", out var token)
                && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    byte[] Encode(SignalRMessage message) =>
        JsonSerializer.SerializeToUtf8Bytes(new { target = message.Target, arguments = message.Arguments }, _json);

    static AzureCallResult? TooLarge(SignalRMessage message, byte[] body) => body.Length <= MaxBodyBytes ? null :
        AzureCallResult.Invalid($"SignalR message '{message.Target}' is {body.Length} bytes; the service accepts at most {MaxBodyBytes}. Send a pointer to the data instead.");

    Uri GroupConnectionUri(string group, string connectionId) =>
        HubUri($"groups/{Uri.EscapeDataString(group)}/connections/{Uri.EscapeDataString(connectionId)}", $"api-version={ApiVersion}");

    Uri HubUri(string relative, string query) =>
        new(new Uri(_options.Endpoint.GetLeftPart(UriPartial.Authority)), $"/api/hubs/{Uri.EscapeDataString(_options.Hub)}/{relative}?{query}");

    async Task<AzureCallResult> CallAsync(
        HttpMethod method, Uri uri, byte[]? body, HttpStatusCode[] success, CancellationToken cancellationToken)
    {
        var sent = await _channel.SendAsync(method, uri, body is null ? null : () => JsonContent(body), null, cancellationToken).ConfigureAwait(false);
        if (sent.Unreachable is { } unreachable) return unreachable;
        using var response = sent.Message!;
        return success.Contains(response.StatusCode)
            ? AzureCallResult.Ok(response.StatusCode)
            : await FailureAsync(response, cancellationToken).ConfigureAwait(false);
    }

    static ByteArrayContent JsonContent(byte[] body) =>
        new(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } };

    Task<AzureCallResult> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ErrorText.FailureAsync($"SignalR Service hub '{_options.Hub}'", response, response.StatusCode switch
        {
            HttpStatusCode.NotFound => "the connection or group does not exist (the client disconnected?)",
            HttpStatusCode.RequestEntityTooLarge => "the message is too large",
            var s => ErrorText.CommonMeaning(s, Role),
        }, cancellationToken);
}
