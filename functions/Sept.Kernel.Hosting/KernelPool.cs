using System.Collections.Concurrent;

namespace Sept.Kernel.Hosting;

/// <summary>Keeps warm kernels ready, hands one to each project as a <see cref="KernelSession"/>, health-checks the
/// standby ones, restores sessions whose kernel died, and shuts down idle sessions.</summary>
public sealed class KernelPool : IAsyncDisposable
{
    private readonly KernelPoolOptions options;
    private readonly ConcurrentQueue<KernelProcess> warm = new();
    private readonly ConcurrentDictionary<string, KernelSession> sessions = new();
    private readonly SemaphoreSlim filling = new(1, 1);
    private readonly SemaphoreSlim opening = new(1, 1);
    private readonly CancellationTokenSource stopping = new();
    private Task? maintenance;

    public KernelPool(KernelPoolOptions options)
    {
        this.options = options;
        Sandbox = KernelSandbox.Check(options.Process);
        // Project files a crashed app left in its sandboxed kernels' slots go home before any kernel starts.
        if (options.Process.SlotsDirectory is { } slots) KernelFilesRecovery.ReturnAll(slots);
    }

    public KernelPoolOptions Options => options;

    /// <summary>Whether this pool's kernels run sandboxed (checked once, at construction).</summary>
    public KernelSandboxStatus Sandbox { get; }
    public int WarmCount => warm.Count;
    public IReadOnlyCollection<KernelSession> Sessions => sessions.Values.ToList();

    /// <summary>Starts the standby kernels (waits until they are warm) and the maintenance loop.</summary>
    public async Task StartAsync(CancellationToken ct = default)
    {
        maintenance ??= MaintainAsync(stopping.Token);
        await FillAsync(ct);
    }

    /// <summary>The project's session, creating it on a warm kernel the first time (<paramref name="filesHome"/>: the
    /// project's files folder, see <see cref="KernelSession"/>). At <see cref="KernelPoolOptions.MaxKernels"/> the
    /// least recently used idle session is closed first; when every one is busy, <see cref="KernelCapacityException"/>.</summary>
    public async Task<KernelSession> GetSessionAsync(string projectId, string? filesHome = null, CancellationToken ct = default)
    {
        if (sessions.TryGetValue(projectId, out var session)) return session;
        await opening.WaitAsync(ct);
        try
        {
            if (sessions.TryGetValue(projectId, out session)) return session;
            await MakeRoomAsync();
            session = new KernelSession(projectId, await TakeWarmAsync(ct), TakeWarmAsync, options, filesHome);
            sessions[projectId] = session;
            return session;
        }
        finally
        {
            opening.Release();
        }
    }

    private async Task MakeRoomAsync()
    {
        while (sessions.Count >= options.MaxKernels)
        {
            var idlest = sessions.Values.Where(s => !s.IsBusy).MinBy(s => s.LastUsed)
                ?? throw new KernelCapacityException(options.MaxKernels);
            await CloseSessionAsync(idlest.ProjectId);
        }
    }

    /// <summary>Shuts down a project's kernel (project closed or deleted).</summary>
    public async Task CloseSessionAsync(string projectId)
    {
        if (sessions.TryRemove(projectId, out var session)) await session.DisposeAsync();
    }

    /// <summary>A warm kernel: from the standby queue when one is ready, else started now. The queue refills in the background.</summary>
    public async Task<KernelProcess> TakeWarmAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(stopping.IsCancellationRequested, this);
        try
        {
            while (warm.TryDequeue(out var kernel))
            {
                if (!kernel.HasExited) return kernel;
                await kernel.DisposeAsync();
            }
            return await StartWarmAsync(ct);
        }
        finally
        {
            _ = FillInBackgroundAsync();
        }
    }

    private async Task<KernelProcess> StartWarmAsync(CancellationToken ct)
    {
        var kernel = await KernelProcess.StartAsync(options.Process, ct);
        try
        {
            await kernel.Client.WarmUpAsync(ct);
            return kernel;
        }
        catch
        {
            await kernel.DisposeAsync();
            throw;
        }
    }

    private async Task FillAsync(CancellationToken ct)
    {
        await filling.WaitAsync(ct);
        try
        {
            while (warm.Count < options.WarmKernels && !stopping.IsCancellationRequested)
            {
                var kernel = await StartWarmAsync(ct);
                // A kernel that finished starting while the pool shut down would outlive it: stop it instead.
                if (stopping.IsCancellationRequested)
                {
                    await kernel.DisposeAsync();
                    break;
                }
                warm.Enqueue(kernel);
            }
        }
        finally
        {
            filling.Release();
        }
    }

    private async Task FillInBackgroundAsync()
    {
        try
        {
            await FillAsync(stopping.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or HttpRequestException or TimeoutException)
        {
            // Retried by the maintenance loop.
        }
    }

    private async Task MaintainAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(options.HealthCheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) await MaintainOnceAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // Pool disposed.
        }
    }

    /// <summary>One maintenance pass: drop dead standby kernels, restore dead session kernels, close idle sessions, refill.</summary>
    public async Task MaintainOnceAsync(CancellationToken ct = default)
    {
        foreach (var kernel in warm.ToArray())
        {
            if (!await IsHealthyAsync(kernel, ct)) await Discard(kernel);
        }
        foreach (var session in sessions.Values.ToList())
        {
            if (session.IsBusy) continue;
            if (DateTimeOffset.UtcNow - session.LastUsed > options.IdleTimeout) await CloseSessionAsync(session.ProjectId);
            else if (session.Kernel.HasExited) _ = session.RestartAsync("The kernel process had exited.", ct);
        }
        await FillInBackgroundAsync();
    }

    private static async Task<bool> IsHealthyAsync(KernelProcess kernel, CancellationToken ct)
    {
        if (kernel.HasExited) return false;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await kernel.Client.StatusAsync(limit.Token);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return false;
        }
    }

    private async Task Discard(KernelProcess kernel)
    {
        var kept = warm.Where(k => k != kernel).ToList();
        warm.Clear();
        foreach (var k in kept) warm.Enqueue(k);
        await kernel.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (maintenance is not null) await maintenance;
        // Let a fill under way finish (it disposes what it started) before draining the queue.
        await filling.WaitAsync();
        filling.Release();
        foreach (var session in sessions.Values) await session.DisposeAsync();
        sessions.Clear();
        while (warm.TryDequeue(out var kernel)) await kernel.DisposeAsync();
    }
}

/// <summary>Every kernel the host may run (<see cref="KernelPoolOptions.MaxKernels"/>) is busy running a cell.</summary>
public sealed class KernelCapacityException(int max)
    : InvalidOperationException($"All {max} kernels this host may run (Sept:Kernel:MaxKernels) are busy; run the cell again when one of them finishes.");
