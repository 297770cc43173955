using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Sept.Functions.Telemetry;

/// <summary>Sept's own traces ("Sept" activity source) and metrics ("Sept" meter): run latency per phase, kernel
/// starts/restarts, realtime push failures, failed and dead-lettered runs. Exporters are chosen in
/// <see cref="TelemetryRegistration"/>; without one, recording costs next to nothing.</summary>
public sealed class SeptTelemetry
{
    public const string Name = "Sept";

    /// <summary>Process-wide: listeners subscribe to activity sources by name.</summary>
    public static readonly ActivitySource Source = new(Name);

    private readonly Histogram<double> _phase;
    private readonly Histogram<double> _run;
    private readonly Counter<long> _kernelStarts;
    private readonly Counter<long> _kernelRestarts;
    private readonly Counter<long> _realtimeSendFailures;
    private readonly Counter<long> _runsFailed;
    private readonly Counter<long> _runsDeadLettered;

    public SeptTelemetry(IMeterFactory meters)
    {
        var meter = meters.Create(Name);
        _phase = meter.CreateHistogram<double>("sept.run.phase.duration", "s",
            "Time spent in one phase of a run: queue_wait (requested to started), kernel_execute and store_write (per cell).");
        _run = meter.CreateHistogram<double>("sept.run.duration", "s", "A whole run, first cell to last, by outcome.");
        _kernelStarts = meter.CreateCounter<long>("sept.kernel.starts", description: "Kernels started for a project.");
        _kernelRestarts = meter.CreateCounter<long>("sept.kernel.restarts", description: "Kernels replaced: requested (restart, hard interrupt) or recovered (after a crash).");
        _realtimeSendFailures = meter.CreateCounter<long>("sept.realtime.send_failures", description: "Pushes to browsers that SignalR did not accept.");
        _runsFailed = meter.CreateCounter<long>("sept.runs.failed", description: "Runs with a failed cell (cell_error) or a failed delivery (rejected, infrastructure).");
        _runsDeadLettered = meter.CreateCounter<long>("sept.runs.dead_lettered", description: "Runs whose last allowed delivery failed: Service Bus dead-letters them.");
    }

    public void RecordPhase(string phase, TimeSpan elapsed) =>
        _phase.Record(Math.Max(0, elapsed.TotalSeconds), new KeyValuePair<string, object?>("sept.run.phase", phase));

    public void RecordRun(TimeSpan elapsed, bool failed)
    {
        _run.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("sept.run.outcome", failed ? "failed" : "succeeded"));
        if (failed) RunFailed(RunFailure.CellError);
    }

    public void KernelStarted() => _kernelStarts.Add(1);

    public void KernelRestarted(string reason) => _kernelRestarts.Add(1, new KeyValuePair<string, object?>("sept.kernel.restart_reason", reason));

    public void RealtimeSendFailed(string target) => _realtimeSendFailures.Add(1, new KeyValuePair<string, object?>("sept.realtime.target", target));

    public void RunFailed(string failure) => _runsFailed.Add(1, new KeyValuePair<string, object?>("sept.run.failure", failure));

    /// <summary>A delivery failed; when it was the last one allowed, Service Bus moves the run to the dead-letter queue.</summary>
    public void DeliveryFailed(string failure, int deliveryCount, int maxDeliveryCount)
    {
        RunFailed(failure);
        if (deliveryCount >= maxDeliveryCount) _runsDeadLettered.Add(1, new KeyValuePair<string, object?>("sept.run.failure", failure));
    }
}

/// <summary>Values of the sept.run.phase tag.</summary>
public static class RunPhase
{
    public const string QueueWait = "queue_wait";
    public const string KernelExecute = "kernel_execute";
    public const string StoreWrite = "store_write";
}

/// <summary>Values of the sept.run.failure tag.</summary>
public static class RunFailure
{
    public const string CellError = "cell_error";
    public const string Rejected = "rejected";
    public const string Infrastructure = "infrastructure";
}

/// <summary>Values of the sept.kernel.restart_reason tag.</summary>
public static class KernelRestartReason
{
    public const string Requested = "requested";
    public const string Recovered = "recovered";
}
