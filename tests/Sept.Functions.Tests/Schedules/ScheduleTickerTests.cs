using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Sept.Functions.Schedules;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Schedules;

/// <summary>Scheduled runs on a real kernel with a clock the test moves (the local ticker service is off; the test
/// ticks). A loopback server stands in for the failure webhook.</summary>
public sealed class ScheduleTickerTests : IAsyncLifetime
{
    private readonly ScheduledApplication _app = new();
    private readonly ConcurrentQueue<JsonElement> _hooks = new();
    private WebApplication _hookServer = null!;
    private Uri _hookAddress = null!;

    private ApiClient Api => new(_app.CreateClient());

    private ScheduleTicker Ticker => _app.Services.GetRequiredService<ScheduleTicker>();

    private IScheduleStore Store => _app.Services.GetRequiredService<IScheduleStore>();

    [Fact]
    public async Task A_schedule_waits_until_due_then_runs_with_its_inputs_and_records_every_cell()
    {
        var project = await ProjectAsync("var doubled = n * 2;\ndoubled");
        var schedule = await CreateAsync(project, new { name = "Hourly", cron = "0 * * * *", timeZone = "UTC", mode = "all", inputs = new { n = 7 } });
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 11, 0, 0, TimeSpan.Zero), schedule.GetProperty("nextRunAt").GetDateTimeOffset());

        Assert.Empty(await Ticker.TickAsync(CancellationToken.None));
        _app.Clock.Advance(TimeSpan.FromMinutes(50.5));
        var run = Assert.Single(await Ticker.TickAsync(CancellationToken.None));
        Assert.Equal(("schedule", "success", 1), (run.Trigger, run.Status, run.Attempts));
        Assert.Equal(["input", "code"], run.Cells.Select(c => c.Kind));
        Assert.All(run.Cells, c => Assert.Equal("success", c.State));
        Assert.Contains("14", JsonSerializer.Serialize(run.Cells[1].Outputs));

        var stored = (await Store.GetAsync(ProjectId.Parse(project), schedule.GetProperty("id").GetString()!, CancellationToken.None))!;
        Assert.Equal((new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero), null, "success"), (stored.NextRunAt, stored.RunningSince, stored.LastStatus));
        var history = await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{project}/schedules/{stored.Id}/runs");
        Assert.Equal(run.Id, history[0].GetProperty("id").GetString());
        Assert.Empty(_hooks); // success: no webhook
    }

    [Fact]
    public async Task Two_ticks_at_once_run_a_due_schedule_once()
    {
        var project = await ProjectAsync("var doubled = n * 2;");
        await CreateAsync(project, new { name = "Once", cron = "*/5 * * * *", mode = "all" });
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        var ticks = await Task.WhenAll(Ticker.TickAsync(CancellationToken.None), Ticker.TickAsync(CancellationToken.None), Ticker.TickAsync(CancellationToken.None));
        Assert.Single(ticks.SelectMany(t => t));
    }

    [Fact]
    public async Task A_failing_run_is_retried_and_then_posts_the_webhook()
    {
        var project = await ProjectAsync("throw new InvalidOperationException(\"boom\");");
        await CreateAsync(project, new { name = "Fragile", cron = "0 * * * *", mode = "all", retries = 1, webhookUrl = new Uri(_hookAddress, "/hook").ToString() });
        _app.Clock.Advance(TimeSpan.FromHours(1));
        var run = Assert.Single(await Ticker.TickAsync(CancellationToken.None));
        Assert.Equal(("failed", 2), (run.Status, run.Attempts));
        var hook = Assert.Single(_hooks);
        Assert.Equal("schedule.run.failed", hook.GetProperty("event").GetString());
        Assert.Equal(("Fragile", project, run.Id), (hook.GetProperty("scheduleName").GetString(), hook.GetProperty("projectId").GetString(), hook.GetProperty("runId").GetString()));
        Assert.Equal("error", Assert.Single(hook.GetProperty("failedCells").EnumerateArray()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task A_run_past_its_timeout_is_interrupted_and_recorded_as_timeout()
    {
        var project = await ProjectAsync("while (true) { }");
        await CreateAsync(project, new { name = "Slow", cron = "0 * * * *", mode = "all", timeoutSeconds = 3 });
        _app.Clock.Advance(TimeSpan.FromHours(1));
        var run = Assert.Single(await Ticker.TickAsync(CancellationToken.None));
        Assert.Equal(("timeout", 1), (run.Status, run.Attempts));
        Assert.Contains("3 s", run.Error);
    }

    [Fact]
    public async Task Runs_missed_while_the_app_was_down_run_once_and_the_next_time_counts_from_now()
    {
        var project = await ProjectAsync("var doubled = n * 2;");
        var schedule = await CreateAsync(project, new { name = "Missed", cron = "*/10 * * * *", mode = "stale" });
        _app.Clock.Advance(TimeSpan.FromHours(3)); // 18 occurrences missed
        var run = Assert.Single(await Ticker.TickAsync(CancellationToken.None));
        Assert.Equal("missed", run.Trigger);
        Assert.Empty(await Ticker.TickAsync(CancellationToken.None));
        var stored = (await Store.GetAsync(ProjectId.Parse(project), schedule.GetProperty("id").GetString()!, CancellationToken.None))!;
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 13, 20, 0, TimeSpan.Zero), stored.NextRunAt);
    }

    [Fact]
    public async Task Bad_schedules_are_400_problems()
    {
        var project = await ProjectAsync("var doubled = n * 2;");
        foreach (var body in new object[]
        {
            new { name = "x", cron = "every day" }, new { name = "x", cron = "0 7 * * *", timeZone = "Nowhere/Town" },
            new { name = "x", cron = "0 7 * * *", mode = "sometimes" }, new { name = "x", cron = "0 7 * * *", webhookUrl = "file:///etc/passwd" },
            new { name = "x", cron = "0 7 * * *", timeoutSeconds = 0 },
        })
        {
            var response = await Api.Http.PostAsJsonAsync($"/api/projects/{project}/schedules", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private async Task<string> ProjectAsync(string code)
    {
        var project = await Api.CreateProjectAsync("Scheduled", reactive: false);
        var input = await Api.AddCellAsync(project.Id, "input", "", config: new { name = "n", type = "number", value = 1, integer = true });
        await Api.AddCellAsync(project.Id, "code", code, input.Id);
        return project.Id;
    }

    private async Task<JsonElement> CreateAsync(string projectId, object body)
    {
        var response = await Api.Http.PostAsJsonAsync($"/api/projects/{projectId}/schedules", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async Task InitializeAsync() =>
        (_hookServer, _hookAddress) = await LoopbackServer.StartAsync(server =>
            server.MapPost("/hook", async (HttpRequest request) =>
            {
                _hooks.Enqueue(await request.ReadFromJsonAsync<JsonElement>());
                return Results.Ok();
            }));

    public async Task DisposeAsync()
    {
        await _hookServer.DisposeAsync();
        _app.Dispose();
    }

    private sealed class ScheduledApplication : SeptApplication
    {
        public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 12, 4, 10, 10, 0, TimeSpan.Zero));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
                services.Remove(services.Single(d => d.ImplementationType == typeof(LocalScheduleService)));
            });
        }
    }
}
