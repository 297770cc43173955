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
    }

    [Fact]
    public async Task A_sweep_payload_without_its_timer_is_refused() =>
        Assert.Equal(HttpStatusCode.BadRequest,
            (await _api.Http.PostAsync("/sweep", HostPayloads.Json("{\"Data\":{},\"Metadata\":{}}"))).StatusCode);
}
