using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Sept.Functions.Tests.Azure;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Telemetry;

/// <summary>The app as the Functions host sees it, with OpenTelemetry's in-memory exporters added next to the
/// app's own registration (AddSeptTelemetry in Program.cs).</summary>
public sealed class TelemetryApplication : FunctionsHostApplication
{
    public List<Activity> Activities { get; } = [];
    // Snapshots, not Metric objects: the exporter reuses Metric objects, whose points change on the next collection
    // (the periodic reader may collect at any time).
    public List<MetricSnapshot> Metrics { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddOpenTelemetry()
            .WithTracing(t => t.AddInMemoryExporter(Activities))
            .WithMetrics(m => m.AddInMemoryExporter(Metrics)));
    }

    /// <summary>Collects the metrics recorded so far: the newest snapshot of each metric (values are cumulative).</summary>
    public IReadOnlyList<MetricSnapshot> CollectMetrics()
    {
        // Twice: a flush that finds a periodic collection in progress joins it, and that collection may have begun
        // before the values this test recorded; the second flush's collection begins after the first one ended.
        var provider = Services.GetRequiredService<MeterProvider>();
        provider.ForceFlush();
        provider.ForceFlush();
        lock (Metrics) return [.. Metrics.GroupBy(m => m.Name).Select(g => g.Last())];
    }
}

public sealed class TelemetryTests(TelemetryApplication app) : IClassFixture<TelemetryApplication>
{
    private readonly ApiClient _api = new(app.CreateClient());

    [Fact]
    public async Task Running_cells_records_each_phase_of_the_run_latency_and_an_activity_per_cell_run()
    {
        var project = await _api.CreateProjectAsync("telemetry");
        var first = await _api.AddCellAsync(project.Id, "code", "var t = 6;");
        var second = await _api.AddCellAsync(project.Id, "code", "t * 7");
        var run = app.Queued.Take((await _api.RunAsync(project.Id, "all")).RunId);

        var delivered = await app.CreateClient().PostAsync("/runs", HostPayloads.Json(HostPayloads.ServiceBus(run)));

        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        Activity[] cellRuns;
        lock (app.Activities)
            cellRuns = [.. app.Activities.Where(a => a.OperationName == "sept.cell.run" && (string?)a.GetTagItem("sept.run.id") == run.RunId)];
        Assert.Equal([first.Id, second.Id], cellRuns.Select(a => (string?)a.GetTagItem("sept.cell.id")));
        Assert.All(cellRuns, a => Assert.Equal("success", a.GetTagItem("sept.cell.status")));
        Assert.All(cellRuns, a => Assert.Equal(project.Id, a.GetTagItem("sept.project.id")));
        // Each cell run is a child of its run's activity.
        var runActivity = Assert.Single(app.Activities.ToArray(), a => a.OperationName == "sept.run" && (string?)a.GetTagItem("sept.run.id") == run.RunId);
        Assert.All(cellRuns, a => Assert.Equal(runActivity.SpanId, a.ParentSpanId));

        var metrics = app.CollectMetrics();
        var phases = PointsOf(metrics, "sept.run.phase.duration")
            .GroupBy(p => (string)Tag(p, "sept.run.phase")!)
            .ToDictionary(g => g.Key, g => g.Sum(p => p.GetHistogramCount()));
        Assert.True(phases.GetValueOrDefault("queue_wait") >= 1, "queue wait recorded once per run");
        Assert.True(phases.GetValueOrDefault("kernel_execute") >= 2, "kernel execute recorded per cell");
        Assert.True(phases.GetValueOrDefault("store_write") >= 2, "store writes recorded per cell");
        Assert.Contains(PointsOf(metrics, "sept.run.duration"), p => (string?)Tag(p, "sept.run.outcome") == "succeeded");
        // A new project gets a new kernel.
        Assert.True(PointsOf(metrics, "sept.kernel.starts").Sum(p => p.GetSumLong()) >= 1);
    }

    [Fact]
    public async Task A_delivery_rejected_at_the_last_attempt_counts_as_failed_and_dead_lettered()
    {
        var before = Counts();
        var project = await _api.CreateProjectAsync("poison");
        var run = app.Queued.Take((await _api.RunAsync(project.Id, "all")).RunId);
        var client = app.CreateClient();
        // The session id does not match the run's project: rejected (400) on every delivery.
        var poison = (int count) => HostPayloads.ServiceBus(Sept.Functions.Azure.RunMessage.Of(run).ToUtf8(), "0123456789abcdef0123456789abcdef", run.RunId, count);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/runs", HostPayloads.Json(poison(1)))).StatusCode);
        var afterFirst = Counts();
        Assert.Equal(before.Failed + 1, afterFirst.Failed);
        Assert.Equal(before.DeadLettered, afterFirst.DeadLettered);

        // Default Sept:Azure:RunsMaxDeliveryCount is 5, as provisioned on the queue.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/runs", HostPayloads.Json(poison(5)))).StatusCode);
        var afterLast = Counts();
        Assert.Equal(before.Failed + 2, afterLast.Failed);
        Assert.Equal(before.DeadLettered + 1, afterLast.DeadLettered);
    }

    private (long Failed, long DeadLettered) Counts()
    {
        var metrics = app.CollectMetrics();
        long Sum(string name) => PointsOf(metrics, name).Where(p => (string?)Tag(p, "sept.run.failure") == "rejected").Sum(p => p.GetSumLong());
        return (Sum("sept.runs.failed"), Sum("sept.runs.dead_lettered"));
    }

    private static List<MetricPoint> PointsOf(IEnumerable<MetricSnapshot> metrics, string name) =>
        [.. metrics.Where(m => m.Name == name).SelectMany(m => m.MetricPoints)];

    private static object? Tag(MetricPoint point, string key)
    {
        foreach (var tag in point.Tags)
            if (tag.Key == key) return tag.Value;
        return null;
    }
}
