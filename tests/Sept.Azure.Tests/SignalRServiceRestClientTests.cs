using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Sept.Azure.Http;
using Sept.Azure.SignalR;
using static Sept.Azure.Tests.FakeAzureService;

namespace Sept.Azure.Tests;

public sealed class SignalRServiceRestClientTests : IClassFixture<FakeAzureService>, IDisposable
{
    const string AccessKey = "c2VwdC10ZXN0LWFjY2Vzcy1rZXktdGhhdC1pcy1sb25nLWVub3VnaA==";
    static readonly AzureRetryOptions FastRetry = new(MaxRetryAttempts: 2, BaseDelay: TimeSpan.FromMilliseconds(1));
    readonly FakeAzureService _service;
    readonly FakeTokenCredential _credential = new("signalr-token");
    readonly HttpClient _http = new();

    public SignalRServiceRestClientTests(FakeAzureService service)
    {
        _service = service;
        _service.Reset();
    }

    public void Dispose() => _http.Dispose();

    SignalRServiceOptions Options => new(_service.BaseUri, "sept");

    SignalRServiceRestClient WithEntra() => new(_http, Options, new SignalRServiceAuth.Entra(_credential), FastRetry);

    SignalRServiceRestClient WithAccessKey(TimeProvider? time = null) =>
        new(_http, Options, new SignalRServiceAuth.AccessKey(AccessKey), FastRetry, time: time);

    static readonly SignalRMessage CellUpdated = new("cellUpdated", [new { cellId = "c1", state = "running" }]);

    [Fact]
    public async Task A_group_send_posts_the_invocation_to_the_group_with_an_entra_token()
    {
        _service.Reset(Reply(202));

        var result = await WithEntra().SendToGroupAsync("p_42", CellUpdated, excludedConnectionId: null, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        var request = Assert.Single(_service.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/hubs/sept/groups/p_42/:send?api-version=2022-06-01", request.PathAndQuery);
        Assert.Equal("Bearer signalr-token", request.Header("Authorization"));
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal("cellUpdated", body.RootElement.GetProperty("target").GetString());
        var argument = Assert.Single(body.RootElement.GetProperty("arguments").EnumerateArray());
        Assert.Equal("c1", argument.GetProperty("cellId").GetString());
        Assert.Equal("running", argument.GetProperty("state").GetString());
        Assert.Equal(["https://signalr.azure.com/.default"], Assert.Single(_credential.Requests));
    }

    [Fact]
    public async Task A_group_send_can_exclude_the_sending_connection()
    {
        _service.Reset(Reply(202));

        await WithEntra().SendToGroupAsync("p_42", CellUpdated, excludedConnectionId: "conn/1", CancellationToken.None);

        var request = Assert.Single(_service.Requests);
        Assert.Equal("conn/1", request.Query["excluded"]);
        Assert.Equal("2022-06-01", request.Query["api-version"]);
    }

    [Fact]
    public async Task A_message_over_one_megabyte_is_refused_before_sending()
    {
        _service.Reset(Reply(202));
        var huge = new SignalRMessage("cellOutput", [new string('x', SignalRServiceRestClient.MaxBodyBytes)]);

        var result = await WithEntra().SendToGroupAsync("p_42", huge, null, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("at most 1048576", result.Error);
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task Connections_join_and_leave_groups_by_put_and_delete()
    {
        _service.Reset(Reply(200));
        var client = WithEntra();

        var added = await client.AddConnectionToGroupAsync("p_42", "abc123", CancellationToken.None);
        var removed = await client.RemoveConnectionFromGroupAsync("p_42", "abc123", CancellationToken.None);

        Assert.True(added.Succeeded, added.Error);
        Assert.True(removed.Succeeded, removed.Error);
        Assert.Equal(["PUT", "DELETE"], _service.Requests.Select(r => r.Method));
        Assert.All(_service.Requests, r => Assert.Equal("/api/hubs/sept/groups/p_42/connections/abc123?api-version=2022-06-01", r.PathAndQuery));
    }

    [Fact]
    public async Task A_connection_can_get_its_own_message_and_leave_every_group_at_once()
    {
        _service.Reset(Reply(202), Reply(200));
        var client = WithEntra();

        var sent = await client.SendToConnectionAsync("abc123", CellUpdated, CancellationToken.None);
        var left = await client.RemoveConnectionFromAllGroupsAsync("abc123", CancellationToken.None);

        Assert.True(sent.Succeeded, sent.Error);
        Assert.True(left.Succeeded, left.Error);
        Assert.Equal(
            ["POST /api/hubs/sept/connections/abc123/:send?api-version=2022-06-01", "DELETE /api/hubs/sept/connections/abc123/groups?api-version=2022-06-01"],
            _service.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        using var body = JsonDocument.Parse(_service.Requests[0].Body);
        Assert.Equal("cellUpdated", body.RootElement.GetProperty("target").GetString());
    }

    [Fact]
    public async Task Closing_a_users_connections_posts_to_the_user_with_the_reason()
    {
        _service.Reset(Reply(204), Reply(403));
        var client = WithEntra();

        var closed = await client.CloseUserConnectionsAsync("user 1@x", "access revoked", CancellationToken.None);
        var refused = await client.CloseUserConnectionsAsync("u2", null, CancellationToken.None);

        Assert.True(closed.Succeeded, closed.Error);
        Assert.False(refused.Succeeded);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal(
            ["POST /api/hubs/sept/users/user%201@x/:closeConnections?api-version=2022-06-01&reason=access%20revoked",
             "POST /api/hubs/sept/users/u2/:closeConnections?api-version=2022-06-01"],
            _service.Requests.Select(r => $"{r.Method} {r.PathAndQuery}"));
        Assert.Equal("Bearer signalr-token", _service.Requests[0].Header("Authorization"));
    }

    [Fact]
    public async Task Adding_a_connection_that_is_gone_fails_with_a_readable_reason()
    {
        _service.Reset(Reply(404));

        var result = await WithEntra().AddConnectionToGroupAsync("p_42", "gone", CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(HttpStatusCode.NotFound, result.Status);
        Assert.Contains("connection or group does not exist", result.Error);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task Service_unavailable_is_retried()
    {
        _service.Reset(Reply(503), Reply(202));

        var result = await WithEntra().SendToGroupAsync("p_42", CellUpdated, null, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, _service.Requests.Count);
    }

    [Fact]
    public async Task Negotiate_with_entra_asks_the_service_to_generate_the_client_token()
    {
        _service.Reset(Reply(200, """{"token":"minted-by-service"}""", ("Content-Type", "application/json")));

        var result = await WithEntra().NegotiateAsync("user-1", TimeSpan.FromHours(1), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("minted-by-service", result.Value!.AccessToken);
        Assert.Equal($"http://127.0.0.1:{_service.BaseUri.Port}/client/?hub=sept", result.Value.Url);
        var request = Assert.Single(_service.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/api/hubs/sept/:generateToken", request.PathAndQuery.Split('?')[0]);
        Assert.Equal("2022-11-01", request.Query["api-version"]);
        Assert.Equal("user-1", request.Query["userId"]);
        Assert.Equal("60", request.Query["minutesToExpire"]);
        Assert.Equal("Bearer signalr-token", request.Header("Authorization"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"accessToken":"x"}""")]
    [InlineData("""{"token":""}""")]
    public async Task Negotiate_fails_when_the_service_answers_without_a_token(string body)
    {
        _service.Reset(Reply(200, body));

        var result = await WithEntra().NegotiateAsync("user-1", TimeSpan.FromHours(1), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("without a token", result.Error);
    }

    [Fact]
    public async Task Negotiate_fails_clearly_when_the_identity_may_not_generate_tokens()
    {
        _service.Reset(Reply(403));

        var result = await WithEntra().NegotiateAsync("user-1", TimeSpan.FromHours(1), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("SignalR Service Owner", result.Error);
    }

    [Fact]
    public async Task With_an_access_key_server_calls_carry_an_hs256_token_for_the_url_without_query()
    {
        _service.Reset(Reply(202));

        await WithAccessKey().SendToGroupAsync("p_42", CellUpdated, "conn-9", CancellationToken.None);

        var request = Assert.Single(_service.Requests);
        var bearer = request.Header("Authorization");
        Assert.StartsWith("Bearer ", bearer);
        var token = Validate(bearer["Bearer ".Length..], validateLifetime: true);
        Assert.Equal($"http://127.0.0.1:{_service.BaseUri.Port}/api/hubs/sept/groups/p_42/:send", Assert.Single(token.Audiences));
        Assert.Equal(SecurityAlgorithms.HmacSha256, token.Header.Alg);
        Assert.Contains(token.Claims, c => c.Type == "exp");
        Assert.Empty(_credential.Requests);
    }

    [Fact]
    public async Task With_an_access_key_negotiate_signs_a_client_token_locally_with_nameid_and_expiry()
    {
        var now = new DateTimeOffset(DateTime.UtcNow.Year + 1, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var result = await WithAccessKey(new FixedTime(now)).NegotiateAsync("user-1", TimeSpan.FromMinutes(30), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Empty(_service.Requests);
        var token = Validate(result.Value!.AccessToken, validateLifetime: false);
        Assert.Equal(result.Value.Url, Assert.Single(token.Audiences));
        Assert.EndsWith("/client/?hub=sept", result.Value.Url);
        Assert.Equal("user-1", token.Claims.Single(c => c.Type == "nameid").Value);
        Assert.Equal(now.AddMinutes(30).UtcDateTime, token.ValidTo);
    }

    [Fact]
    public void A_token_signed_with_another_key_does_not_validate()
    {
        var other = new SignalRAccessKeyTokens("YW5vdGhlci1rZXktdGhhdC1pcy1hbHNvLWxvbmctZW5vdWdoLXRvLXNpZ24=", TimeProvider.System);
        var jwt = other.ForClient(Options.ClientUrl, "user-1", TimeSpan.FromMinutes(5));

        Assert.ThrowsAny<SecurityTokenException>(() => Validate(jwt, validateLifetime: true));
    }

    static JwtSecurityToken Validate(string jwt, bool validateLifetime)
    {
        new JwtSecurityTokenHandler().ValidateToken(jwt, new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(AccessKey)),
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = validateLifetime,
            RequireExpirationTime = true,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        }, out var validated);
        return (JwtSecurityToken)validated;
    }

    sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
