using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Sept.Functions.Azure;
using Sept.Functions.Runs;
using Sept.Functions.Storage;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Azure;

public sealed class RunsTriggerApplication : FunctionsHostApplication;

/// <summary>POST /runs driven with the host's payload shapes, running cells on real kernels and SQLite.</summary>
public sealed class RunsTriggerTests(RunsTriggerApplication app) : IClassFixture<RunsTriggerApplication>
{
    private readonly ApiClient _api = new(app.CreateClient());

    private IProjectStore Store => app.Services.GetRequiredService<IProjectStore>();

    [Fact]
    public async Task A_delivered_run_executes_its_cells_and_answers_the_invocation_response()
    {
        var project = await _api.CreateProjectAsync("delivered");
        var a = await _api.AddCellAsync(project.Id, "code", "var a = 20;");
        var b = await _api.AddCellAsync(project.Id, "code", "Console.WriteLine(a + 1); a * 2");
        var started = await _api.RunAsync(project.Id, "all");
        var run = app.Queued.Take(started.RunId);

        var response = await DeliverAsync(HostPayloads.ServiceBus(run));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.Object, body.RootElement.GetProperty("Outputs").ValueKind);
        Assert.Contains("executed 2 of 2", body.RootElement.GetProperty("Logs")[0].GetString());
        Assert.Equal(started.RunId, body.RootElement.GetProperty("ReturnValue").GetProperty("runId").GetString());
        var cells = (await _api.GetProjectAsync(project.Id)).Cells!;
        Assert.Equal(["success", "success"], cells.Select(c => c.State));
        Assert.Equal("21\n", cells[1].Outputs.OfType<StreamOutput>().Single().Text);
        Assert.Equal("40", cells[1].Outputs.OfType<DisplayOutput>().Single().Data["text/plain"].GetString());
        Assert.Equal(started.RunId, Assert.Single(await Store.ListRunsAsync(ProjectId.Parse(project.Id), CellId.Parse(b.Id), default)).RunId);
        Assert.Single(await Store.ListRunsAsync(ProjectId.Parse(project.Id), CellId.Parse(a.Id), default));
    }

    [Fact]
    public async Task A_redelivered_run_is_not_executed_twice()
    {
        var project = await _api.CreateProjectAsync("redelivered");
        var cell = await _api.AddCellAsync(project.Id, "code", "Console.WriteLine(\"once\");");
        var run = app.Queued.Take((await _api.RunAsync(project.Id, "cell", cell.Id)).RunId);

        Assert.Equal(HttpStatusCode.OK, (await DeliverAsync(HostPayloads.ServiceBus(run, deliveryCount: 1))).StatusCode);
        var executed = (await _api.GetProjectAsync(project.Id)).Cells![0].ExecutionCount;
        var again = await DeliverAsync(HostPayloads.ServiceBus(run, deliveryCount: 2));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var body = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal(0, body.RootElement.GetProperty("ReturnValue").GetProperty("executedCells").GetInt32());
        Assert.Equal(executed, (await _api.GetProjectAsync(project.Id)).Cells![0].ExecutionCount);
        Assert.Single(await Store.ListRunsAsync(ProjectId.Parse(project.Id), CellId.Parse(cell.Id), default));
    }

    [Fact]
    public async Task A_redelivery_after_a_partial_run_runs_only_the_cells_left()
    {
        var project = await _api.CreateProjectAsync("partial");
        var first = await _api.AddCellAsync(project.Id, "code", "1 + 1");
        var second = await _api.AddCellAsync(project.Id, "code", "2 + 2");
        var run = app.Queued.Take((await _api.RunAsync(project.Id, "all")).RunId);
        // The first delivery finished the first cell, then its instance died.
        await Store.AppendRunAsync(new RunRecord(run.ProjectId, run.RunId, CellId.Parse(first.Id), "requested", "success",
            DateTimeOffset.UtcNow, 1, "1 + 1", []), default);

        var response = await DeliverAsync(HostPayloads.ServiceBus(run, deliveryCount: 2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cells = (await _api.GetProjectAsync(project.Id)).Cells!.ToDictionary(c => c.Id);
        Assert.Equal(0, cells[first.Id].ExecutionCount);
        Assert.Empty(cells[first.Id].Outputs);
        Assert.True(cells[second.Id].ExecutionCount > 0);
        Assert.Equal("success", cells[second.Id].State);
        Assert.Equal("4", cells[second.Id].Outputs.OfType<DisplayOutput>().Single().Data["text/plain"].GetString());
    }

    [Fact]
    public async Task A_redelivery_after_an_interrupted_cell_runs_nothing_more_and_leaves_the_rest_stale()
    {
        var project = await _api.CreateProjectAsync("interrupted");
        var first = await _api.AddCellAsync(project.Id, "code", "1 + 1");
        var second = await _api.AddCellAsync(project.Id, "code", "2 + 2");
        var run = app.Queued.Take((await _api.RunAsync(project.Id, "all")).RunId);
        await Store.AppendRunAsync(new RunRecord(run.ProjectId, run.RunId, CellId.Parse(first.Id), "requested", "cancelled",
            DateTimeOffset.UtcNow, 1, "1 + 1", []), default);

        var response = await DeliverAsync(HostPayloads.ServiceBus(run, deliveryCount: 2));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cells = (await _api.GetProjectAsync(project.Id)).Cells!.ToDictionary(c => c.Id);
        Assert.Equal(0, cells[second.Id].ExecutionCount);
        Assert.Equal("stale", cells[second.Id].State);
    }

    [Fact]
    public async Task A_failing_cell_is_a_result_not_a_failed_invocation()
    {
        var project = await _api.CreateProjectAsync("user error");
        var bad = await _api.AddCellAsync(project.Id, "code", "throw new InvalidOperationException(\"boom\");");
        var run = app.Queued.Take((await _api.RunAsync(project.Id, "cell", bad.Id)).RunId);

        var response = await DeliverAsync(HostPayloads.ServiceBus(run));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cell = (await _api.GetProjectAsync(project.Id)).Cells![0];
        Assert.Equal("error", cell.State);
        Assert.Contains("boom", cell.Outputs.OfType<ErrorOutput>().Single().Message);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1, 2]")]
    [InlineData("{\"Data\": {}, \"Metadata\": {}}")]
    [InlineData("{\"Data\": {\"msg\": \"bm90IGpzb24=\"}, \"Metadata\": {}}")]
    [InlineData("{\"Data\": {\"msg\": {\"projectId\": \"nope\", \"runId\": \"r\", \"cells\": []}}, \"Metadata\": {}}")]
    public async Task A_malformed_invocation_is_refused_so_service_bus_dead_letters_it(string payload)
    {
        var response = await DeliverAsync(payload);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_run_delivered_on_another_projects_session_is_refused()
    {
        var project = await _api.CreateProjectAsync("session");
        var cell = await _api.AddCellAsync(project.Id, "code", "1");
        var run = app.Queued.Take((await _api.RunAsync(project.Id, "cell", cell.Id)).RunId);
        var payload = HostPayloads.ServiceBus(RunMessage.Of(run).ToUtf8(), ProjectId.New().ToString(), run.RunId, 1);

        Assert.Equal(HttpStatusCode.BadRequest, (await DeliverAsync(payload)).StatusCode);
        Assert.Equal(0, (await _api.GetProjectAsync(project.Id)).Cells![0].ExecutionCount);
    }

    private Task<HttpResponseMessage> DeliverAsync(string payload) => _api.Http.PostAsync("/runs", HostPayloads.Json(payload));
}
