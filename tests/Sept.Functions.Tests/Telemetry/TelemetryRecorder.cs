using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Sept.Functions.Telemetry;

namespace Sept.Functions.Tests.Telemetry;

/// <summary>A <see cref="SeptTelemetry"/> of its own (own meter factory) with a listener on exactly its meter, so
/// parallel tests do not see each other's measurements.</summary>
public sealed class TelemetryRecorder : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measurements = new();

    public TelemetryRecorder()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        Telemetry = new SeptTelemetry(factory);
        // The factory hands out one cached meter per name: the one SeptTelemetry just created.
        var meter = factory.Create(SeptTelemetry.Name);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter)) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Add(i, v, tags));
        _listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Add(i, v, tags));
        _listener.Start();
    }

    public SeptTelemetry Telemetry { get; }

    public IReadOnlyList<(double Value, Dictionary<string, object?> Tags)> Of(string instrument) =>
        [.. _measurements.Where(m => m.Instrument == instrument).Select(m => (m.Value, m.Tags))];

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var tag in tags) copy[tag.Key] = tag.Value;
        _measurements.Enqueue((instrument.Name, value, copy));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
