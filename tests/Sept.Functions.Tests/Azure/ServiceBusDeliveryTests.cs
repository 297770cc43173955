using System.Net;
using Sept.Azure.ServiceBus;
using Sept.Functions.Azure;
using Sept.Functions.Runs;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Azure;

public sealed class ServiceBusDeliveryApplication() : FunctionsHostApplication(_ => new ScriptedKernel());

/// <summary>The Service Bus settlement rules end to end: the REST send, <see cref="LocalServiceBus"/> and the app's
/// /runs handler (what the run queue contract does not reach: refused deliveries and resends).</summary>
public sealed class ServiceBusDeliveryTests(ServiceBusDeliveryApplication app) : IClassFixture<ServiceBusDeliveryApplication>, IAsyncLifetime
{
    private LocalServiceBus _bus = null!;

    public async Task InitializeAsync()
    {
        _bus = await LocalServiceBus.StartAsync();
        _bus.DeliverTo(app.CreateClient);
    }

    public async Task DisposeAsync() => await _bus.DisposeAsync();

    private ServiceBusRestSender Sender() => new(new HttpClient(), new StaticTokenCredential(), new ServiceBusQueueAddress(_bus.Endpoint, _bus.Queue));

    [Fact]
    public async Task A_message_the_handler_refuses_is_redelivered_until_max_delivery_count_then_dead_lettered()
    {
        var session = ProjectId.New().ToString();
        var sent = await Sender().SendAsync(new ServiceBusMessage(session, "not-a-run", "{\"projectId\":"u8.ToArray(), TimeSpan.FromMinutes(5), "run"), default);
        Assert.True(sent.Succeeded, sent.Error);

        await _bus.IdleAsync(TimeSpan.FromSeconds(60));

        Assert.Equal([1, 2, 3, 4, 5], _bus.Deliveries.Where(d => d.MessageId == "not-a-run").Select(d => d.DeliveryCount));
        Assert.All(_bus.Deliveries.Where(d => d.MessageId == "not-a-run"), d => Assert.Equal(HttpStatusCode.BadRequest, d.Status));
        Assert.Equal(["not-a-run"], _bus.DeadLettered);
    }

    [Fact]
    public async Task A_resent_message_is_dropped_by_duplicate_detection_and_a_run_is_delivered_on_its_projects_session()
    {
        var api = new ApiClient(app.CreateClient());
        var project = await api.CreateProjectAsync("resend", reactive: false);
        var cell = await api.AddCellAsync(project.Id, "code", "var x = 1;");
        var run = new RunRequest(ProjectId.Parse(project.Id), Guid.NewGuid().ToString("N"), [new PlannedRun(CellId.Parse(cell.Id), "requested", [])], DateTimeOffset.UtcNow);
        var message = new ServiceBusMessage(project.Id, run.RunId, RunMessage.Of(run).ToUtf8(), TimeSpan.FromMinutes(5), "run");

        Assert.True((await Sender().SendAsync(message, default)).Succeeded);
        Assert.True((await Sender().SendAsync(message, default)).Succeeded);
        await app.Realtime.WaitForAsync<Sept.Functions.Realtime.RunFinished>(run.ProjectId, f => f.RunId == run.RunId);
        await _bus.IdleAsync(TimeSpan.FromSeconds(60));

        var delivery = Assert.Single(_bus.Deliveries, d => d.MessageId == run.RunId);
        Assert.Equal((project.Id, 1, HttpStatusCode.OK), (delivery.SessionId, delivery.DeliveryCount, delivery.Status));
        Assert.Empty(_bus.DeadLettered);
    }
}
