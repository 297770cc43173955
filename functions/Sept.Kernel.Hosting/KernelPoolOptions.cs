namespace Sept.Kernel.Hosting;

/// <summary>Pool and session policy: warm standby kernels, idle shutdown, hard interrupts and memory compaction.</summary>
public sealed class KernelPoolOptions
{
    public KernelProcessOptions Process { get; set; } = new();

    /// <summary>Kernels kept started and warmed (Roslyn compiled a throwaway submission) for the next project or restart.</summary>
    public int WarmKernels { get; set; } = 1;

    /// <summary>Project kernels alive at once (standby ones not counted). Opening one more closes the least recently
    /// used idle one; when all are busy, the new project's cell fails with a clear error.</summary>
    public int MaxKernels { get; set; } = 10;

    /// <summary>A project's kernel is shut down after this long without use.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>After a cooperative interrupt, how long a cell gets to stop before its kernel is killed and restored.</summary>
    public TimeSpan InterruptGrace { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Time limit for replaying one cell during a restore.</summary>
    public TimeSpan ReplayTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Compact (restart and replay) once the kernel has compiled this many submissions: each stays loaded.</summary>
    public int MaxSubmissions { get; set; } = 1000;

    /// <summary>Compact once the kernel's working set passes this many bytes.</summary>
    public long MaxWorkingSetBytes { get; set; } = 2L * 1024 * 1024 * 1024;
}

/// <summary>What a restore did: the kernel was replaced (Reason), and the cells that defined the current variables
/// were replayed in dependency order. Failed cells did not come back; the app should mark them (and their dependents) stale.</summary>
public sealed record RestoreReport(string Reason, IReadOnlyList<string> ReplayedCellIds, IReadOnlyList<string> FailedCellIds, TimeSpan Duration);

/// <summary>How an interrupt ended.</summary>
public enum InterruptOutcome
{
    /// <summary>No cell was running.</summary>
    NotRunning,

    /// <summary>The cell stopped on its cancellation token within the grace period.</summary>
    Cooperative,

    /// <summary>The cell ignored cancellation; its kernel was killed and the session restored on a fresh one.</summary>
    Killed,
}
