using System.Diagnostics;
using System.Globalization;

namespace Sept.Benchmarks;

/// <summary>The app's kernel child processes, read from /proc (Linux): used to wait until the warm pool has
/// finished starting and warming its kernels before a measurement, instead of sleeping a guessed time.</summary>
internal static class KernelProcesses
{
    /// <summary>Waits until the app has at least <paramref name="kernels"/> child processes and they have used
    /// no CPU for a second (started and warmed). Returns false when that did not happen within the timeout.</summary>
    public static async Task<bool> WaitSettledAsync(int appProcessId, int kernels, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsLinux()) return false;
        var watch = Stopwatch.StartNew();
        var last = -1L;
        while (watch.Elapsed < timeout)
        {
            var children = Children(appProcessId);
            var ticks = children.SelectMany(Tree).Sum(CpuTicks);
            // Less than 30 ms of CPU in the last second across all kernels: idle.
            if (children.Count >= kernels && last >= 0 && ticks - last <= 3) return true;
            last = children.Count >= kernels ? ticks : -1;
            await Task.Delay(1000, cancellationToken);
        }
        return false;
    }

    // Each thread lists the children it forked, so read every thread's list.
    private static List<int> Children(int pid)
    {
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks)) return [];
        var children = new List<int>();
        foreach (var task in Directory.EnumerateDirectories(tasks))
        {
            try
            {
                children.AddRange(File.ReadAllText(Path.Combine(task, "children"))
                    .Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)));
            }
            catch (IOException) { } // the thread ended
        }
        return children;
    }

    /// <summary>CPU time (user + system) used so far by the process, and by its kernel child processes (and theirs), in ms.</summary>
    public static (double App, double Kernels) CpuMs(int appProcessId) =>
        (CpuTicks(appProcessId) * 10.0, Children(appProcessId).SelectMany(Tree).Sum(CpuTicks) * 10.0);

    // A sandboxed kernel is bwrap → bwrap → dotnet: its CPU is in the leaves.
    private static IEnumerable<int> Tree(int pid) => Children(pid).SelectMany(Tree).Prepend(pid);

    // /proc/<pid>/stat counts in clock ticks of 10 ms (USER_HZ 100).
    private static long CpuTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the ")" that closes the command name: state is field 3, utime 14, stime 15.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        }
        catch (IOException) { return 0; }
    }
}
