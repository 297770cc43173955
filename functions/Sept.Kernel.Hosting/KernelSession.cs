using System.Diagnostics;
using System.Runtime.CompilerServices;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Hosting;

/// <summary>One project's kernel. Runs one cell at a time, remembers the last successful request per cell, and when the
/// kernel has to go (hard interrupt, timeout, crash, memory compaction) replaces it with a warm one and replays those
/// cells in dependency order.</summary>
public sealed class KernelSession : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<KernelProcess>> acquire;
    private readonly KernelPoolOptions options;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ReplayLog log = new();
    private readonly string? filesHome;
    private KernelProcess kernel;
    private ActiveRun? active;
    // The cell that ran last on this kernel (run or replay), and whether we killed the kernel ourselves. A kernel that
    // died while running a cell, or ended by itself between runs (Environment.Exit or a crash in a task a cell left
    // behind), is blamed on that cell, which is then not replayed: no restart loop. Killed from outside, it replays all.
    private string? lastCellId;
    private bool killedByUs;

    /// <param name="filesHome">The project's files folder; a sandboxed kernel adopts it (<see cref="KernelProcess.AdoptFiles"/>).</param>
    public KernelSession(string projectId, KernelProcess kernel, Func<CancellationToken, Task<KernelProcess>> acquire, KernelPoolOptions options,
        string? filesHome = null)
    {
        ProjectId = projectId;
        this.kernel = kernel;
        this.acquire = acquire;
        this.options = options;
        this.filesHome = filesHome;
        if (filesHome is not null) kernel.AdoptFiles(filesHome);
        LastUsed = DateTimeOffset.UtcNow;
    }

    public string ProjectId { get; }

    /// <summary>The project's files folder as cell code sees it (null when the session has none).</summary>
    public string? FilesDirectory => filesHome is null ? null : kernel.FilesDirectory ?? filesHome;

    /// <summary>The current kernel process; it changes after a restore.</summary>
    public KernelProcess Kernel => kernel;

    public DateTimeOffset LastUsed { get; private set; }
    public bool IsBusy => active is not null;

    /// <summary>The last restore, if any. <see cref="Restored"/> fires when one completes.</summary>
    public RestoreReport? LastRestore { get; private set; }

    public event Action<RestoreReport>? Restored;

    /// <summary>Runs a cell and streams its events, always ending with a <see cref="FinishedEvent"/>. If the kernel is
    /// killed (interrupt, timeout) or dies, an <see cref="ErrorEvent"/> (Interrupted | Timeout | KernelDied) and a finished
    /// event are produced here, and the session restores itself before the next request runs.</summary>
    public async IAsyncEnumerable<KernelEvent> ExecuteAsync(ExecuteRequest request, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        string? restoreReason = null;
        var died = false;
        var run = new ActiveRun(request.RunId);
        try
        {
            if (kernel.HasExited) await RestoreAsync("The kernel process had exited.", ct);
            LastUsed = DateTimeOffset.UtcNow;
            active = run;
            var previousCellId = lastCellId;
            lastCellId = request.CellId;
            var clock = Stopwatch.StartNew();
            using var deadline = request.TimeoutMs is { } ms
                ? new Timer(_ => HardStop(run, "Timeout"), null, ms + (int)options.InterruptGrace.TotalMilliseconds, Timeout.Infinite)
                : null;
            FinishedEvent? finished = null;
            for (var attempt = 0; ; attempt++)
            {
                var received = 0;
                var events = kernel.Client.ExecuteAsync(request, ct).GetAsyncEnumerator(ct);
                try
                {
                    while (await NextAsync(events, ct) is { } e)
                    {
                        received++;
                        if (e is FinishedEvent f)
                        {
                            finished = f;
                            run.Done.TrySetResult();
                        }
                        yield return e;
                    }
                }
                finally
                {
                    await events.DisposeAsync();
                }
                // A kernel that died between runs fails before the first event: restore it and send the request again.
                if (received > 0 || run.KillReason is not null || attempt > 0) break;
                // It died before this cell started: the blame goes to the cell before.
                lastCellId = previousCellId;
                await RestoreAsync("The kernel process had exited.", ct);
                lastCellId = request.CellId;
            }
            run.Done.TrySetResult();

            if (finished is null)
            {
                restoreReason = run.KillReason ?? "The kernel process died while running a cell.";
                died = run.KillReason is null;
                var (ename, status, message) = run.KillReason switch
                {
                    "Timeout" => ("Timeout", RunStatus.Cancelled, $"The cell exceeded its time limit of {request.TimeoutMs} ms; the kernel was restarted and earlier cells replayed."),
                    "Interrupted" => ("Interrupted", RunStatus.Cancelled, "The cell did not stop when interrupted; the kernel was restarted and earlier cells replayed."),
                    _ => ("KernelDied", RunStatus.Error, "The kernel process died while running this cell; it was restarted and earlier cells replayed."),
                };
                yield return new ErrorEvent(request.RunId, request.CellId, ename, message);
                yield return new FinishedEvent(request.RunId, request.CellId, status, clock.Elapsed.TotalMilliseconds);
            }
            else
            {
                if (finished.Status == RunStatus.Success) log.Succeeded(request);
                if (finished.SubmissionCount >= options.MaxSubmissions || finished.WorkingSetBytes >= options.MaxWorkingSetBytes)
                    restoreReason = $"Compaction: {finished.SubmissionCount} submissions, {finished.WorkingSetBytes / (1024 * 1024)} MB working set.";
            }
        }
        finally
        {
            active = null;
            LastUsed = DateTimeOffset.UtcNow;
            if (restoreReason is not null) _ = RestoreThenReleaseAsync(restoreReason, died);
            else gate.Release();
        }
    }

    private static async Task<KernelEvent?> NextAsync(IAsyncEnumerator<KernelEvent> events, CancellationToken ct)
    {
        try
        {
            return await events.MoveNextAsync() ? events.Current : null;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return null; // The stream broke: the kernel was killed or died.
        }
    }

    /// <summary>Asks the running cell to stop; if it has not finished within the grace period, kills the kernel
    /// (the running ExecuteAsync then ends with Interrupted, and the session restores itself).</summary>
    public async Task<InterruptOutcome> InterruptAsync(CancellationToken ct = default)
    {
        var run = active;
        if (run is null) return InterruptOutcome.NotRunning;
        try
        {
            await kernel.Client.InterruptAsync(ct);
        }
        catch (HttpRequestException)
        {
            // Dead or unreachable: the kill below settles it.
        }
        if (await StoppedWithinGraceAsync(run, ct)) return InterruptOutcome.Cooperative;
        HardStop(run, "Interrupted");
        return InterruptOutcome.Killed;
    }

    // The run counts as stopped when its finished event arrived or the kernel no longer runs it
    // (the caller may not be reading the event stream while it waits here).
    private async Task<bool> StoppedWithinGraceAsync(ActiveRun run, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + options.InterruptGrace;
        while (DateTime.UtcNow < deadline)
        {
            if (run.Done.Task.IsCompleted) return true;
            try
            {
                if ((await kernel.Client.StatusAsync(ct)).CurrentRunId != run.RunId) return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            await Task.WhenAny(run.Done.Task, Task.Delay(25, ct));
        }
        return run.Done.Task.IsCompleted;
    }

    private void HardStop(ActiveRun run, string reason)
    {
        if (run.Done.Task.IsCompleted) return;
        run.KillReason ??= reason;
        killedByUs = true;
        kernel.Kill();
    }

    /// <summary>Replaces the kernel with a fresh one and replays the remembered cells.</summary>
    public async Task<RestoreReport> RestartAsync(string reason, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            return await RestoreAsync(reason, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drops deleted cells from the kernel and from the replay log.</summary>
    public async Task ForgetAsync(IReadOnlyList<string> cellIds, CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            log.Forget(cellIds);
            if (!kernel.HasExited) await kernel.Client.ForgetAsync(cellIds, ct);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Writes a file into the project's files folder from inside the kernel's sandbox.</summary>
    public Task UploadAsync(string fileName, Stream content, CancellationToken ct = default) => kernel.Client.UploadAsync(fileName, content, ct);

    public Task<TablePage?> TableAsync(string cellId, int offset, int limit, CancellationToken ct = default) =>
        kernel.Client.TableAsync(cellId, offset, limit, ct);

    public Task<ValuesResponse> ValuesAsync(IReadOnlyDictionary<string, string> bindings, CancellationToken ct = default) =>
        kernel.Client.ValuesAsync(bindings, ct);

    public Task<KernelStatus> StatusAsync(CancellationToken ct = default) => kernel.Client.StatusAsync(ct);

    private async Task RestoreThenReleaseAsync(string reason, bool died)
    {
        try
        {
            await RestoreAsync(reason, CancellationToken.None, died);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TimeoutException)
        {
            // No kernel could be started; the next request tries again.
            LastRestore = new RestoreReport($"{reason} Restore failed: {e.Message}", [], log.Plan().Select(r => r.CellId).ToList(), TimeSpan.Zero);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<RestoreReport> RestoreAsync(string reason, CancellationToken ct, bool died = false)
    {
        var clock = Stopwatch.StartNew();
        var replayed = new List<string>();
        var failed = new List<string>();
        if ((died || kernel.ExitedByItself) && !killedByUs && lastCellId is { } suspect)
        {
            log.Forget([suspect]);
            failed.Add(suspect);
        }
        await ReplaceKernelAsync(ct);
        var plan = log.Plan();
        for (var i = 0; i < plan.Count; i++)
        {
            var status = await ReplayAsync(plan[i], ct);
            if (status == RunStatus.Success)
            {
                replayed.Add(plan[i].CellId);
                continue;
            }
            failed.Add(plan[i].CellId);
            if (status is null)
            {
                // The replay hung or killed the kernel: start clean and leave the rest to the user (stale).
                failed.AddRange(plan.Skip(i + 1).Select(r => r.CellId));
                await ReplaceKernelAsync(ct);
                break;
            }
        }
        var report = new RestoreReport(reason, replayed, failed, clock.Elapsed);
        LastRestore = report;
        Restored?.Invoke(report);
        return report;
    }

    private async Task<string?> ReplayAsync(ExecuteRequest request, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(options.ReplayTimeout);
        try
        {
            lastCellId = request.CellId;
            string? status = null;
            await foreach (var e in kernel.Client.ExecuteAsync(request with { RunId = $"replay-{request.RunId}" }, limit.Token))
            {
                if (e is FinishedEvent f) status = f.Status;
            }
            return status;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private async Task ReplaceKernelAsync(CancellationToken ct)
    {
        var old = kernel;
        var next = await acquire(ct);
        await old.DisposeAsync();
        kernel = next;
        killedByUs = false;
        lastCellId = null;
        // After the old kernel is gone: it held the files until then.
        if (filesHome is not null) next.AdoptFiles(filesHome);
    }

    public async ValueTask DisposeAsync() => await kernel.DisposeAsync();

    private sealed class ActiveRun(string runId)
    {
        public string RunId { get; } = runId;
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public string? KillReason { get; set; }
    }
}
