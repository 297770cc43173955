using System.Diagnostics;
using Sept.Kernel.Hosting;
using Sept.Kernel.Protocol;

namespace Sept.Benchmarks;

/// <summary>scripts/bench sandbox: what the bubblewrap sandbox (Kernel.Hosting/KernelSandbox.cs) costs. Kernel cold
/// start to first result and a warm trivial round trip, sandboxed and not, alternating in one run so both see the same
/// load; the budget is ≤ 10 % regression.</summary>
internal static class SandboxBenchmark
{
    private const int Starts = 5;
    private const int WarmRuns = 200;

    public static int Run() => RunAsync().GetAwaiter().GetResult();

    private static async Task<int> RunAsync()
    {
        Console.WriteLine("== sandbox");
        Console.WriteLine($"  {Environment.ProcessorCount} cores; load average at start {Load()}");
        var sandboxed = new KernelProcessOptions { Sandbox = KernelSandboxMode.Required };
        if (!KernelSandbox.Check(sandboxed).Active)
        {
            Console.WriteLine($"  the sandbox is not available here ({KernelSandbox.Check(sandboxed).Description}): nothing to compare");
            return 1;
        }
        var plain = new KernelProcessOptions { Sandbox = KernelSandboxMode.Off };
        var (coldOn, coldOff, warmOn, warmOff) = (new Timings(), new Timings(), new Timings(), new Timings());
        for (var i = 0; i < Starts; i++)
        {
            // Alternate which goes first so neither always gets the warmer file cache.
            foreach (var (options, cold) in i % 2 == 0 ? new[] { (sandboxed, coldOn), (plain, coldOff) } : [(plain, coldOff), (sandboxed, coldOn)])
                await (await StartAsync(options, cold)).DisposeAsync();
        }
        // Warm round trips alternate between one kernel of each kind, so both see the same load.
        await using (var on = await StartAsync(sandboxed, new Timings()))
        await using (var off = await StartAsync(plain, new Timings()))
        {
            var cell = Guid.NewGuid().ToString("N");
            for (var i = 0; i < WarmRuns; i++)
            {
                await MeasureAsync(on, cell, warmOn);
                await MeasureAsync(off, cell, warmOff);
            }
        }
        Report("cold start to first result", coldOn.Median, coldOff.Median, $"median of {Starts}");
        Report("warm trivial cell round trip", warmOn.Median, warmOff.Median, $"median of {WarmRuns}, alternating");
        Console.WriteLine($"  load average at end {Load()}");
        return 0;
    }

    private static async Task<KernelProcess> StartAsync(KernelProcessOptions options, Timings cold)
    {
        var clock = Stopwatch.StartNew();
        var kernel = await KernelProcess.StartAsync(options);
        await RunAsync(kernel, Guid.NewGuid().ToString("N"), "1 + 1");
        cold.Add(clock.Elapsed.TotalMilliseconds);
        return kernel;
    }

    private static async Task MeasureAsync(KernelProcess kernel, string cell, Timings warm)
    {
        var start = Stopwatch.GetTimestamp();
        await RunAsync(kernel, cell, "1 + 1");
        warm.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private static async Task RunAsync(KernelProcess kernel, string cellId, string source)
    {
        await foreach (var e in kernel.Client.ExecuteAsync(new ExecuteRequest($"s-{Guid.NewGuid():N}", cellId, "code", source, new Dictionary<string, string>(), null)))
        {
            if (e is FinishedEvent { Status: not RunStatus.Success } f) throw new InvalidOperationException($"cell ended {f.Status}");
        }
    }

    private static void Report(string what, double on, double off, string samples)
    {
        var ratio = on / off;
        var verdict = ratio <= 1.10 ? "met" : "MISSED";
        Console.WriteLine($"  {what,-32} sandboxed {on,8:0.0} ms  unsandboxed {off,8:0.0} ms  ratio {ratio:0.00} (target ≤ 1.10) {verdict}  ({samples})");
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
