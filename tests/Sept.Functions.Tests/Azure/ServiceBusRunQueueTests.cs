using System.Net;
using System.Text.Json;
using Sept.Azure.ServiceBus;
using Sept.Functions.Azure;
using Sept.Functions.Runs;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Azure;

public sealed class ServiceBusRunQueueTests(CosmosEmulatorFixture cosmos) : IClassFixture<CosmosEmulatorFixture>
{
    private readonly RecordingAzureService _bus = new();

    private CosmosRunLedger Ledger => new(cosmos.Container, TimeProvider.System);

    private ServiceBusRunQueue Queue() => new(new ServiceBusRestSender(new HttpClient(_bus), new StaticTokenCredential(),
        ServiceBusQueueAddress.ForNamespace("sept-bus.servicebus.windows.net", "runs")), Ledger);

    [Fact]
    public async Task A_run_is_sent_on_its_projects_session_with_the_run_id_as_message_id()
    {
        var a = CellId.New();
        var b = CellId.New();
        var run = new RunRequest(ProjectId.New(), "run-1",
            [new PlannedRun(a, "requested", []), new PlannedRun(b, "depends on a via x", [a])], DateTimeOffset.UtcNow);

        Assert.Null(await Queue().EnqueueAsync(run, default));

        var sent = Assert.Single(_bus.Requests);
        Assert.Equal("https://sept-bus.servicebus.windows.net/runs/messages?timeout=60", sent.Uri.ToString());
        using var broker = JsonDocument.Parse(sent.Headers["BrokerProperties"]);
        Assert.Equal(run.ProjectId.ToString(), broker.RootElement.GetProperty("SessionId").GetString());
        Assert.Equal("run-1", broker.RootElement.GetProperty("MessageId").GetString());
        var (decoded, problem) = RunMessage.Parse(System.Text.Encoding.UTF8.GetBytes(sent.Body));
        Assert.Null(problem);
        Assert.Equal(run.ProjectId, decoded!.ProjectId);
        Assert.Equal([a, b], decoded.Cells.Select(c => c.CellId));
        Assert.Equal([a], decoded.Cells[1].DependsOn);
        Assert.Equal("depends on a via x", decoded.Cells[1].Reason);
    }

    [Fact]
    public async Task A_refused_send_is_an_error_with_the_reason()
    {
        _bus.Status = HttpStatusCode.Forbidden;
        var run = new RunRequest(ProjectId.New(), "run-2", [new PlannedRun(CellId.New(), "requested", [])], DateTimeOffset.UtcNow);
        var error = await Assert.ThrowsAsync<RunQueueUnavailableException>(() => Queue().EnqueueAsync(run, default));
        Assert.Contains("run-2", error.Message);
        Assert.Contains("Data Sender", error.Message);
    }

    [Fact]
    public async Task A_refused_send_leaves_the_run_it_would_have_replaced_pending()
    {
        var cell = CellId.New();
        var project = ProjectId.New();
        var first = new RunRequest(project, "run-a", [new PlannedRun(cell, "requested", [])], DateTimeOffset.UtcNow);
        Assert.Null(await Queue().EnqueueAsync(first, default));

        _bus.Status = HttpStatusCode.Forbidden;
        await Assert.ThrowsAsync<RunQueueUnavailableException>(() => Queue().EnqueueAsync(first with { RunId = "run-b" }, default));

        // The refused run is forgotten: the next request replaces the first run again, which then does nothing.
        _bus.Status = HttpStatusCode.Created;
        Assert.Equal("run-a", (await Queue().EnqueueAsync(first with { RunId = "run-c" }, default))?.RunId);
        Assert.Equal(new RunClaim.Superseded("run-c"), await Ledger.ClaimAsync(first, default));
        Assert.IsType<RunClaim.Current>(await Ledger.ClaimAsync(first with { RunId = "run-c" }, default));
    }
}
