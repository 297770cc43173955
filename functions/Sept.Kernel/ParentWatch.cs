using System.Diagnostics;

namespace Sept.Kernel;

/// <summary>Stops the kernel when the process that started it disappears, so a crashed app leaves no orphans.</summary>
internal static class ParentWatch
{
    public static void Start(string? parentPid, IHostApplicationLifetime lifetime)
    {
        if (!int.TryParse(parentPid, out var pid)) return;
        _ = Task.Run(async () =>
        {
            while (!lifetime.ApplicationStopping.IsCancellationRequested)
            {
                if (!IsAlive(pid))
                {
                    // A cell may be stuck in a loop; StopApplication alone would wait for it.
                    Environment.Exit(0);
                }
                await Task.Delay(500, CancellationToken.None);
            }
        });
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
