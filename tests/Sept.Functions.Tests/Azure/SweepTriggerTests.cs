using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sept.Functions.Azure;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Azure;

/// <summary>The app's clock can be moved forward, to age cells.</summary>
public sealed class SweepApplication : FunctionsHostApplication
{
    public ShiftedClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));
    }
}

public sealed class ShiftedClock : TimeProvider
{
    public TimeSpan Shift { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Shift;
}

/// <summary>POST /sweep with the timer payload: stuck-run recovery.</summary>
public sealed class SweepTriggerTests(SweepApplication app) : IClassFixture<SweepApplication>
{
    private readonly ApiClient _api = new(app.CreateClient());

    [Fact]
    public async Task Cells_left_running_past_the_functions_timeout_are_marked_stale_and_recent_ones_are_kept()
    {
        var store = app.Services.GetRequiredService<IProjectStore>();
        var project = await _api.CreateProjectAsync("stuck");
        var projectId = ProjectId.Parse(project.Id);
        var old = await _api.AddCellAsync(project.Id, "code", "1");
        var recent = await _api.AddCellAsync(project.Id, "code", "2");
        await _api.RunAsync(project.Id, "all");
        var running = new CellRun(CellState.Running, [], 0, null);
        await store.SaveRunStateAsync(projectId, CellId.Parse(old.Id), running, default);
        app.Clock.Shift += StuckRunSweep.RunningTimeout + TimeSpan.FromMinutes(1);
        await store.SaveRunStateAsync(projectId, CellId.Parse(recent.Id), running, default);

        var response = await _api.Http.PostAsync("/sweep", HostPayloads.Json(HostPayloads.Timer(isPastDue: true)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, body.RootElement.GetProperty("ReturnValue").GetProperty("recoveredCells").GetInt32());
        Assert.Contains("past due", body.RootElement.GetProperty("Logs")[0].GetString());
        var cells = (await _api.GetProjectAsync(project.Id)).Cells!.ToDictionary(c => c.Id);
        Assert.Equal("stale", cells[old.Id].State);
        Assert.Equal("running", cells[recent.Id].State);
        Assert.Contains(app.Realtime.EventsOf(projectId).OfType<CellUpdated>(), u => u.Cell.Id == old.Id && u.Cell.State == "stale");
        // A cell is still running: the project stays in the active index.
        Assert.Contains(await app.Ledger.ActiveProjectsAsync(default), p => p.ProjectId == projectId);
    }

    [Fact]
    public async Task Only_projects_that_queued_runs_are_read_and_a_settled_one_leaves_the_index_until_it_queues_again()
    {
        var store = app.Services.GetRequiredService<IProjectStore>();
        var running = new CellRun(CellState.Running, [], 0, null);
        var never = await _api.CreateProjectAsync("never queued");
        var neverCell = await _api.AddCellAsync(never.Id, "code", "1");
        await store.SaveRunStateAsync(ProjectId.Parse(never.Id), CellId.Parse(neverCell.Id), running, default);
        var settled = await _api.CreateProjectAsync("settled");
        var settledCell = await _api.AddCellAsync(settled.Id, "code", "2");
        await _api.RunAsync(settled.Id, "all");
        await store.SaveRunStateAsync(ProjectId.Parse(settled.Id), CellId.Parse(settledCell.Id), running with { State = CellState.Success }, default);
        app.Clock.Shift += StuckRunSweep.RunningTimeout + TimeSpan.FromMinutes(1);

        await SweepAsync();

        // The never-queued project was not read (its cell, not really running, is left alone).
        Assert.Equal("running", (await _api.GetProjectAsync(never.Id)).Cells![0].State);
        var active = await app.Ledger.ActiveProjectsAsync(default);
        Assert.DoesNotContain(active, p => p.ProjectId == ProjectId.Parse(settled.Id));
        Assert.DoesNotContain(active, p => p.ProjectId == ProjectId.Parse(never.Id));

        await _api.RunAsync(settled.Id, "all");
        Assert.Contains(await app.Ledger.ActiveProjectsAsync(default), p => p.ProjectId == ProjectId.Parse(settled.Id));
    }

    [Fact]
    public async Task An_entry_rewritten_after_the_sweep_listed_it_is_kept()
    {
        var project = await _api.CreateProjectAsync("requeued");
        await _api.AddCellAsync(project.Id, "code", "1");
        await _api.RunAsync(project.Id, "all");
        var listed = Assert.Single(await app.Ledger.ActiveProjectsAsync(default), p => p.ProjectId == ProjectId.Parse(project.Id));

        await _api.RunAsync(project.Id, "all");

        Assert.False(await app.Ledger.RetireAsync(listed, default));
        Assert.Contains(await app.Ledger.ActiveProjectsAsync(default), p => p.ProjectId == ProjectId.Parse(project.Id));
    }

    private async Task SweepAsync() =>
        Assert.Equal(HttpStatusCode.OK, (await _api.Http.PostAsync("/sweep", HostPayloads.Json(HostPayloads.Timer()))).StatusCode);

    [Fact]
    public async Task A_sweep_payload_without_its_timer_is_refused() =>
        Assert.Equal(HttpStatusCode.BadRequest,
            (await _api.Http.PostAsync("/sweep", HostPayloads.Json("{\"Data\":{},\"Metadata\":{}}"))).StatusCode);
}
