using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Sept.Kernel.Formatting;
using Sept.Kernel.Protocol;
using Sept.Kernel.Scripting;
using Sept.Kernel.Sql;

namespace Sept.Kernel.Execution;

/// <summary>Runs one cell at a time, whatever its kind, and reports status. Cells queue on a semaphore in arrival order.</summary>
public sealed class KernelRuntime(
    ScriptSession scripts,
    CellRunners runners,
    DuckDbSession duck,
    TableStore tables,
    DisplayFormatter formatter,
    IOptions<KernelOptions> options)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Lock statusGate = new();
    private Task? warmUp;
    private CellRun? running;
    private CancellationTokenSource? interrupt;
    private int executionCount;
    private long generation;

    public long Generation => Interlocked.Read(ref generation);

    public Task WarmUpAsync(CancellationToken ct)
    {
        lock (statusGate) warmUp ??= Task.Run(() => WarmAllAsync(CancellationToken.None), CancellationToken.None);
        return warmUp.WaitAsync(ct);
    }

    // The first call of each piece pays its JIT and Roslyn binding cost; pay it before the first cell.
    private async Task WarmAllAsync(CancellationToken ct)
    {
        await scripts.WarmUpAsync(ct);
        var cell = Guid.Empty.ToString("N");
        NotebookRewriting.Rewrite("var warm = new[] { 1 }.Select(i => i + 1).Sum();\nwarm", cell, new Dictionary<string, string>());
        NotebookRewriting.Positional("SELECT {warm} AS w FROM t", "r", new HashSet<string> { "warm" });
        DisplayFormatter.Markdown("# warm");
        duck.WarmUp();
    }

    /// <summary>Fencing: accepts a request unless a newer generation was already seen.</summary>
    public bool Admit(long requestGeneration)
    {
        while (true)
        {
            var seen = Interlocked.Read(ref generation);
            if (requestGeneration < seen) return false;
            if (requestGeneration == seen || Interlocked.CompareExchange(ref generation, requestGeneration, seen) == seen)
                return true;
        }
    }

    /// <summary>Queues the cell and returns its event stream, which ends with a finished event.</summary>
    public ChannelReader<KernelEvent> Execute(ExecuteRequest request)
    {
        var channel = Channel.CreateUnbounded<KernelEvent>();
        _ = Task.Run(() => RunAsync(request, channel.Writer));
        return channel.Reader;
    }

    private async Task RunAsync(ExecuteRequest request, ChannelWriter<KernelEvent> events)
    {
        await gate.WaitAsync();
        try
        {
            await WarmUpAsync(CancellationToken.None);
            using var cancel = new CancellationTokenSource();
            using var timeout = new CancellationTokenSource();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token, timeout.Token);
            if (request.TimeoutMs is { } ms) timeout.CancelAfter(ms);

            var run = new CellRun(request.RunId, request.CellId, events, formatter, options.Value.MaxOutputBytes, linked.Token);
            int count;
            lock (statusGate)
            {
                running = run;
                interrupt = cancel;
                count = ++executionCount;
            }
            events.TryWrite(new StartedEvent(request.RunId, request.CellId, count));
            CellRun.Enter(run);
            var clock = Stopwatch.StartNew();
            using var flushing = new CancellationTokenSource();
            var flusher = FlushWhileRunningAsync(run, flushing.Token);

            var dangling = request.Bindings.Where(b => scripts.IsForgotten(b.Value)).Select(b => b.Key).ToList();
            CellOutcome outcome;
            if (dangling.Count > 0)
            {
                run.Error("NameError", $"{string.Join(", ", dangling.Select(n => $"'{n}'"))} was defined by a deleted cell.");
                outcome = CellOutcome.Error;
            }
            else
            {
                scripts.Revive(request.CellId);
                outcome = await RunCellAsync(request, run, linked.Token);
            }
            if (outcome == CellOutcome.Cancelled)
            {
                run.Error(timeout.IsCancellationRequested ? "Timeout" : "Interrupted",
                    timeout.IsCancellationRequested ? $"The cell exceeded its time limit of {request.TimeoutMs} ms." : "The cell was interrupted.");
            }
            await flushing.CancelAsync();
            await flusher;
            run.Complete(new FinishedEvent(request.RunId, request.CellId, StatusOf(outcome), clock.Elapsed.TotalMilliseconds,
                scripts.SubmissionCount, Environment.WorkingSet, scripts.CompileCount));
        }
        finally
        {
            CellRun.Enter(null);
            lock (statusGate)
            {
                running = null;
                interrupt = null;
            }
            gate.Release();
        }
    }

    private async Task<CellOutcome> RunCellAsync(ExecuteRequest request, CellRun run, CancellationToken ct)
    {
        try
        {
            return await runners.RunAsync(request, run, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return CellOutcome.Cancelled;
        }
        catch (Exception e)
        {
            // A kernel bug, not a cell error: still report it on the cell rather than crash.
            run.Error("KernelError", e.Message, stack: e.ToString());
            return CellOutcome.Error;
        }
    }

    private async Task FlushWhileRunningAsync(CellRun run, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(options.Value.FlushIntervalMs));
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) run.Flush();
        }
        catch (OperationCanceledException)
        {
            // Run finished.
        }
    }

    private static string StatusOf(CellOutcome outcome) => outcome switch
    {
        CellOutcome.Success => RunStatus.Success,
        CellOutcome.Cancelled => RunStatus.Cancelled,
        _ => RunStatus.Error,
    };

    /// <summary>Cooperative interrupt: cancels the running cell's token. A cell that never checks it keeps running;
    /// the host then kills the process.</summary>
    public InterruptResponse Interrupt()
    {
        lock (statusGate)
        {
            if (running is null) return new InterruptResponse(false, null);
            interrupt?.Cancel();
            return new InterruptResponse(true, running.RunId);
        }
    }

    public KernelStatus Status()
    {
        lock (statusGate)
        {
            return new KernelStatus(running is null ? "idle" : "busy", running?.RunId, running?.CellId, executionCount,
                scripts.SubmissionCount, Environment.WorkingSet, warmUp?.IsCompletedSuccessfully == true, Environment.ProcessId,
                scripts.CompileCount);
        }
    }

    /// <summary>Drops deleted cells' values, tables and registrations.</summary>
    public async Task ForgetAsync(IReadOnlyList<string> cellIds)
    {
        await gate.WaitAsync();
        try
        {
            foreach (var cellId in cellIds)
            {
                scripts.Forget(cellId);
                runners.Forget(cellId);
                tables.Remove(cellId);
                duck.Forget(cellId);
            }
        }
        finally
        {
            gate.Release();
        }
    }
}
