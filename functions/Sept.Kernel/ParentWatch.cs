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

    /// <summary>With "--parent-stdin=true": exits when stdin reaches end-of-file, i.e. when the host that holds the
    /// pipe's other end is gone. Works where the host's pid is not visible (a sandbox's own pid namespace).</summary>
    public static void WatchStandardInput(string? enabled)
    {
        if (!bool.TryParse(enabled, out var on) || !on) return;
        var input = Console.OpenStandardInput();
        new Thread(() =>
        {
            var buffer = new byte[256];
            try
            {
                while (input.Read(buffer) > 0) { }
            }
            catch (IOException)
            {
                // Broken pipe: the host is gone as well.
            }
            Environment.Exit(0);
        }) { IsBackground = true, Name = "parent-stdin" }.Start();
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
