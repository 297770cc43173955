using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Sept.Azure.SignalR;
using Sept.Functions.Azure;
using Sept.Functions.Realtime;
using Sept.Functions.Tests.Telemetry;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Azure;

public sealed class SignalRServiceRealtimeTests : IDisposable
{
    private readonly TelemetryRecorder _telemetry = new();
    private readonly RecordingAzureService _service = new() { Status = HttpStatusCode.Accepted };

    private SignalRServiceRealtime Realtime()
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Sept.Functions.Hosting.SeptServices.Configure(json);
        var client = new SignalRServiceRestClient(new HttpClient(_service),
            new SignalRServiceOptions(new Uri("https://sept.service.signalr.net"), "sept"), new SignalRServiceAuth.Entra(new StaticTokenCredential()), json: json);
        return new SignalRServiceRealtime(client, _telemetry.Telemetry, NullLogger<SignalRServiceRealtime>.Instance);
    }

    public void Dispose() => _telemetry.Dispose();

    [Fact]
    public async Task An_event_goes_to_the_projects_group_as_the_target_with_the_event_as_its_argument()
    {
        var project = ProjectId.New();
        await Realtime().PublishAsync(project, new RunFinished("r1", ["c1"], 12.5), default);

        var sent = Assert.Single(_service.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal($"/api/hubs/sept/groups/p_{project}/:send", sent.Uri.AbsolutePath);
        using var body = JsonDocument.Parse(sent.Body);
        Assert.Equal("runFinished", body.RootElement.GetProperty("target").GetString());
        var argument = Assert.Single(body.RootElement.GetProperty("arguments").EnumerateArray());
        Assert.Equal("r1", argument.GetProperty("runId").GetString());
        Assert.Equal(12.5, argument.GetProperty("ms").GetDouble());
        Assert.Equal("Bearer test-token", sent.Headers["Authorization"]);
    }

    [Fact]
    public async Task Subscribing_puts_the_connection_in_the_group_and_a_refusal_is_an_error()
    {
        var project = ProjectId.New();
        _service.Status = HttpStatusCode.OK;
        await Realtime().SubscribeAsync(project, "conn-1", default);
        var put = Assert.Single(_service.Requests);
        Assert.Equal(HttpMethod.Put, put.Method);
        Assert.Equal($"/api/hubs/sept/groups/p_{project}/connections/conn-1", put.Uri.AbsolutePath);

        _service.Status = HttpStatusCode.NotFound;
        await Assert.ThrowsAsync<RealtimeUnavailableException>(() => Realtime().SubscribeAsync(project, "gone", default));
    }

    [Fact]
    public async Task Disconnecting_a_user_closes_their_connections_and_a_refusal_does_not_throw()
    {
        _service.Status = HttpStatusCode.NoContent;
        await Realtime().DisconnectUserAsync("u-1", default);
        var post = Assert.Single(_service.Requests);
        Assert.Equal(HttpMethod.Post, post.Method);
        Assert.Equal("/api/hubs/sept/users/u-1/:closeConnections", post.Uri.AbsolutePath);

        _service.Status = HttpStatusCode.Forbidden;
        await Realtime().DisconnectUserAsync("u-2", default);
    }

    [Fact]
    public async Task A_failed_push_does_not_fail_the_caller_and_is_counted_by_target()
    {
        await Realtime().PublishAsync(ProjectId.New(), new RunFinished("r1", [], 1), default);
        Assert.Empty(_telemetry.Of("sept.realtime.send_failures"));

        _service.Status = HttpStatusCode.Forbidden;
        await Realtime().PublishAsync(ProjectId.New(), new RunFinished("r2", [], 1), default);

        Assert.NotEmpty(_service.Requests);
        var failure = Assert.Single(_telemetry.Of("sept.realtime.send_failures"));
        Assert.Equal(1, failure.Value);
        Assert.Equal("runFinished", failure.Tags["sept.realtime.target"]);
    }
}
