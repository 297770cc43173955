using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Sept.Functions.Telemetry;
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

    /// <summary>Collects the metrics OpenTelemetry exported so far: the newest snapshot of each metric.</summary>
    public IReadOnlyList<MetricSnapshot> CollectMetrics()
    {
        // Twice: a flush that finds a periodic collection in progress joins it, and that collection may have begun
        // before the values this test recorded; the second flush's collection begins after the first one ended.
        var provider = Services.GetRequiredService<MeterProvider>();
        provider.ForceFlush();
        provider.ForceFlush();
        lock (Metrics) return [.. Metrics.GroupBy(m => m.Name).Select(g => g.Last())];
    }

    /// <summary>Measurements of this app's own "Sept" meter. OpenTelemetry's AddMeter listens to every meter of that
    /// name in the process, and other test classes run apps of their own in parallel, so counts are taken here, from
    /// the meter this app's IMeterFactory created.</summary>
    public AppMeasurements Measurements => _measurements ??= new AppMeasurements(Services.GetRequiredService<IMeterFactory>());
    private AppMeasurements? _measurements;

    protected override void Dispose(bool disposing)
    {
        if (disposing) _measurements?.Dispose();
        base.Dispose(disposing);
    }
}

public sealed class AppMeasurements : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<(string Instrument, double Value, Dictionary<string, object?> Tags)> _seen = [];

    public AppMeasurements(IMeterFactory scope)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == SeptTelemetry.Name && ReferenceEquals(instrument.Meter.Scope, scope))
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => Add(i, value, tags));
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => Add(i, value, tags));
        _listener.Start();
    }

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        lock (_seen) _seen.Add((instrument.Name, value, copy));
    }

    /// <summary>How many measurements the instrument took with the tag, and their sum.</summary>
    public (int Count, double Sum) Of(string instrument, string? tag = null, string? value = null)
    {
        lock (_seen)
        {
            var matching = _seen.Where(m => m.Instrument == instrument && (tag is null || Equals(m.Tags.GetValueOrDefault(tag), value))).ToList();
            return (matching.Count, matching.Sum(m => m.Value));
        }
    }

    public void Dispose() => _listener.Dispose();
}

public sealed class TelemetryTests(TelemetryApplication app) : IClassFixture<TelemetryApplication>
{
    private readonly ApiClient _api = new(app.CreateClient());
    // Listening from before the test acts.
    private readonly AppMeasurements _measured = app.Measurements;

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

        Assert.True(_measured.Of("sept.run.phase.duration", "sept.run.phase", "queue_wait").Count >= 1, "queue wait recorded once per run");
        Assert.True(_measured.Of("sept.run.phase.duration", "sept.run.phase", "kernel_execute").Count >= 2, "kernel execute recorded per cell");
        Assert.True(_measured.Of("sept.run.phase.duration", "sept.run.phase", "store_write").Count >= 2, "store writes recorded per cell");
        Assert.True(_measured.Of("sept.run.duration", "sept.run.outcome", "succeeded").Count >= 1);
        // A new project gets a new kernel.
        Assert.True(_measured.Of("sept.kernel.starts").Sum >= 1);
        // And OpenTelemetry exports the meter (AddSeptTelemetry's registration).
        Assert.Contains(app.CollectMetrics(), m => m.Name == "sept.run.phase.duration");
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

    private (long Failed, long DeadLettered) Counts() =>
        ((long)_measured.Of("sept.runs.failed", "sept.run.failure", "rejected").Sum,
         (long)_measured.Of("sept.runs.dead_lettered", "sept.run.failure", "rejected").Sum);
}
