using System.Net;
using System.Text;
using System.Text.Json;
using Sept.Azure.Http;
using Sept.Azure.ServiceBus;
using static Sept.Azure.Tests.FakeAzureService;

namespace Sept.Azure.Tests;

public sealed class ServiceBusRestSenderTests : IClassFixture<FakeAzureService>, IDisposable
{
    readonly FakeAzureService _service;
    readonly FakeTokenCredential _credential = new("sb-token");
    readonly HttpClient _http = new();
    readonly ServiceBusRestSender _sender;

    public ServiceBusRestSenderTests(FakeAzureService service)
    {
        _service = service;
        _service.Reset();
        _sender = new ServiceBusRestSender(_http, _credential, new ServiceBusQueueAddress(service.BaseUri, "runs"),
            new AzureRetryOptions(MaxRetryAttempts: 3, BaseDelay: TimeSpan.FromMilliseconds(1)));
    }

    public void Dispose() => _http.Dispose();

    static ServiceBusMessage Run(string body = """{"runId":"r-1"}""") =>
        new("p-7d2c", "run-r-1", Encoding.UTF8.GetBytes(body), TimeSpan.FromHours(1), "run-cell");

    [Fact]
    public async Task A_send_posts_the_body_to_the_queue_with_broker_properties_and_a_service_bus_token()
    {
        _service.Reset(Reply(201));

        var result = await _sender.SendAsync(Run(), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(HttpStatusCode.Created, result.Status);
        var request = Assert.Single(_service.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/runs/messages?timeout=60", request.PathAndQuery);
        Assert.Equal("Bearer sb-token", request.Header("Authorization"));
        Assert.StartsWith("application/json", request.Header("Content-Type"));
        Assert.Equal("""{"runId":"r-1"}""", Encoding.UTF8.GetString(request.Body));
        using var broker = JsonDocument.Parse(request.Header("BrokerProperties"));
        Assert.Equal("p-7d2c", broker.RootElement.GetProperty("SessionId").GetString());
        Assert.Equal("run-r-1", broker.RootElement.GetProperty("MessageId").GetString());
        Assert.Equal(3600, broker.RootElement.GetProperty("TimeToLive").GetInt32());
        Assert.Equal("run-cell", broker.RootElement.GetProperty("Label").GetString());
        Assert.Equal(["https://servicebus.azure.net/.default"], Assert.Single(_credential.Requests));
    }

    [Fact]
    public async Task Throttling_and_server_errors_are_retried_with_the_same_message_until_it_is_accepted()
    {
        _service.Reset(Reply(429, "busy", ("Retry-After", "0")), Reply(503), Reply(201));

        var result = await _sender.SendAsync(Run(), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(3, _service.Requests.Count);
        Assert.Single(_service.Requests.Select(r => r.Header("BrokerProperties")).Distinct());
        Assert.All(_service.Requests, r => Assert.Equal("""{"runId":"r-1"}""", Encoding.UTF8.GetString(r.Body)));
        Assert.All(_service.Requests, r => Assert.Equal("Bearer sb-token", r.Header("Authorization")));
    }

    [Fact]
    public async Task A_persistent_server_error_fails_with_the_status_after_the_retry_budget()
    {
        _service.Reset(Reply(500, "internal"));

        var result = await _sender.SendAsync(Run(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(HttpStatusCode.InternalServerError, result.Status);
        Assert.Equal(4, _service.Requests.Count);
        Assert.Contains("500", result.Error);
        Assert.Contains("internal", result.Error);
    }

    [Theory]
    [InlineData(410, "queue does not exist")]
    [InlineData(401, "token was rejected")]
    [InlineData(403, "Azure Service Bus Data Sender")]
    [InlineData(400, "rejected")]
    public async Task Client_errors_are_not_retried_and_say_what_went_wrong(int status, string meaning)
    {
        _service.Reset(Reply(status, "<Error><Detail>nope</Detail></Error>"));

        var result = await _sender.SendAsync(Run(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal((HttpStatusCode)status, result.Status);
        Assert.Single(_service.Requests);
        Assert.Contains(meaning, result.Error);
        Assert.Contains("nope", result.Error);
    }

    [Fact]
    public async Task Messages_a_session_queue_would_reject_are_refused_before_anything_is_sent()
    {
        _service.Reset(Reply(201));

        var noSession = await _sender.SendAsync(Run() with { SessionId = "" }, CancellationToken.None);
        var noId = await _sender.SendAsync(Run() with { MessageId = "" }, CancellationToken.None);
        var tooBig = await _sender.SendAsync(Run(new string('x', ServiceBusRestSender.MaxMessageBytes + 1)), CancellationToken.None);

        Assert.Contains("SessionId", noSession.Error);
        Assert.Contains("MessageId", noId.Error);
        Assert.Contains("at most", tooBig.Error);
        Assert.All([noSession, noId, tooBig], r => Assert.Null(r.Status));
        Assert.Empty(_service.Requests);
    }

    [Fact]
    public async Task The_token_is_fetched_once_and_reused_while_fresh()
    {
        _service.Reset(Reply(201));

        await _sender.SendAsync(Run(), CancellationToken.None);
        await _sender.SendAsync(Run() with { MessageId = "run-r-2" }, CancellationToken.None);

        Assert.Equal(2, _service.Requests.Count);
        Assert.Single(_credential.Requests);
    }

    [Fact]
    public async Task A_token_within_five_minutes_of_expiry_is_fetched_again()
    {
        _service.Reset(Reply(201));
        var shortLived = new FakeTokenCredential("short", TimeSpan.FromMinutes(4));
        var sender = new ServiceBusRestSender(_http, shortLived, new ServiceBusQueueAddress(_service.BaseUri, "runs"));

        await sender.SendAsync(Run(), CancellationToken.None);
        await sender.SendAsync(Run(), CancellationToken.None);

        Assert.Equal(2, shortLived.Requests.Count);
    }

    [Fact]
    public async Task A_namespace_that_does_not_answer_is_a_failed_result_not_an_exception()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there now: connection refused
        var sender = new ServiceBusRestSender(_http, _credential, new ServiceBusQueueAddress(new Uri($"http://127.0.0.1:{port}/"), "runs"),
            new AzureRetryOptions(MaxRetryAttempts: 1, BaseDelay: TimeSpan.FromMilliseconds(1)));

        var result = await sender.SendAsync(Run(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Null(result.Status);
        Assert.StartsWith($"Could not reach http://127.0.0.1:{port}/runs/messages", result.Error);
    }
}
