using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Sept.Kernel.Hosting;
using Sept.Kernel.Protocol;
using Sept.Kernel.Scripting;

namespace Sept.Benchmarks;

/// <summary>scripts/bench kernel (kernel over HTTP, no app): (a) trivial cell re-run unchanged (served by the compile
/// cache) and edited (a compile), (b) a 100-cell dependent chain compiled, then the cascade after editing cell 1 (same
/// type: no reader recompiles), (f) an input value and 10 cells reading it, (c) cold start and start from the warm
/// pool, (d) a SQL cell vs raw DuckDB.NET, (e) memory over 1000 re-runs and 1000 edits. The peers (ipykernel and
/// .NET Interactive's C# kernel) run the same workloads in the same run; every target is printed with its ratio.</summary>
public static class KernelBench
{
    private const string Sum = "SELECT sum(i) AS s FROM range(1000000) t(i)";

    public static async Task<int> RunAsync(string[] args)
    {
        Console.WriteLine("== kernel");
        Console.WriteLine($"  {Environment.ProcessorCount} cores; load average at start {Load()}");
        var figures = new Dictionary<string, double>();
        await using (var pool = new KernelPool(new KernelPoolOptions { WarmKernels = 1, MaxSubmissions = int.MaxValue }))
        {
            await pool.StartAsync();
            var session = await pool.GetSessionAsync("bench");
            figures["roundTrip"] = await WarmRoundTripAsync(session);
            figures["edited"] = await EditedRoundTripAsync(session);
            figures["rawRoundTrip"] = await RawRoundTripAsync();
            Report("(a) trivial cell re-run unchanged, HTTP round trip", figures["roundTrip"], "ms median");
            Report("(a) trivial cell edited each time (compiles)", figures["edited"], "ms median");
            Report("(a) same, raw in-process ContinueWithAsync", figures["rawRoundTrip"], "ms median");
            (figures["chain"], figures["cascade"]) = await ChainAsync(session);
            Report("(b) 100-cell dependent chain, first run (compiles)", figures["chain"], "ms median of 3");
            Report("(b) cascade: cell 1 edited (same type), 100 cells re-run", figures["cascade"], "ms median of 3");
            figures["ten"] = await InputCascadeAsync(session);
            Report("(f) input value + 10 dependent cells", figures["ten"], "ms median of 5");
            figures["sql"] = await SqlAsync(session);
            figures["rawSql"] = RawSql();
            Report("(d) SQL cell (sum over 1M rows)", figures["sql"], "ms median");
            Report("(d) same, raw DuckDB.NET", figures["rawSql"], "ms median");
            figures["warmStart"] = await WarmStartAsync(pool);
            Report("(c) project start from the warm pool to first result", figures["warmStart"], "ms median of 3");
        }
        figures["coldStart"] = await ColdStartAsync();
        Report("(c) cold start to first result", figures["coldStart"], "ms median of 3");
        await MemoryAsync();
        var peers = await PeerKernels.MeasureAllAsync();
        Console.WriteLine("  targets (ratio = Sept / peer, same run; kernel HTTP path, no app):");
        PeerKernels.Compare("re-run unchanged ≤ 0.5 × trivial", figures["roundTrip"], peers, p => p.RoundTripMs, 0.5);
        PeerKernels.Compare("edited (compile) ≤ 1.5 × trivial", figures["edited"], peers, p => p.RoundTripMs, 1.5);
        PeerKernels.Compare("100-cell cascade ≤ 0.1 × 100-cell chain", figures["cascade"], peers, p => p.ChainMs, 0.1);
        PeerKernels.Compare("100-cell chain, first run (compiles)", figures["chain"], peers, p => p.ChainMs, double.PositiveInfinity);
        PeerKernels.Compare("input + 10 dependents ≤ 0.2 × the same 11 cells", figures["ten"], peers, p => p.TenMs, 0.2);
        PeerKernels.Compare("warm-pool start ≤ 0.3 × kernel start", figures["warmStart"], peers, p => p.ColdStartMs, 0.3);
        PeerKernels.Compare("cold start ≤ 1.0 × kernel start", figures["coldStart"], peers, p => p.ColdStartMs, 1.0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {"SQL cell ≤ 1.2 × raw DuckDB.NET",-46} Sept {figures["sql"],8:0.0} ms  raw DuckDB.NET {figures["rawSql"],8:0.0} ms  ratio {figures["sql"] / figures["rawSql"],5:0.00} (target ≤ 1.2) {(figures["sql"] <= 1.2 * figures["rawSql"] ? "met" : "MISSED")}"));
        Console.WriteLine($"  load average at end {Load()}");
        return 0;
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static void Report(string what, double value, string unit) =>
        Console.WriteLine($"  {what,-58} {value,10:0.00} {unit}");

    private static ExecuteRequest Code(string cellId, string source, Dictionary<string, string>? bindings = null) =>
        new($"b-{Guid.NewGuid():N}", cellId, "code", source, bindings ?? [], null);

    private static string NewCell() => Guid.NewGuid().ToString("N");

    private static async Task<string> RunAsync(KernelSession session, ExecuteRequest request)
    {
        var status = "none";
        await foreach (var e in session.ExecuteAsync(request))
        {
            if (e is FinishedEvent f) status = f.Status;
        }
        return status == RunStatus.Success ? status : throw new InvalidOperationException($"bench cell failed: {request.Source}");
    }

    private static async Task<double> WarmRoundTripAsync(KernelSession session)
    {
        var cell = NewCell();
        for (var i = 0; i < 20; i++) await RunAsync(session, Code(cell, "1 + 1"));
        var samples = new List<double>();
        for (var i = 0; i < 100; i++)
        {
            var clock = Stopwatch.StartNew();
            await RunAsync(session, Code(cell, "1 + 1"));
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Median(samples);
    }

    private static async Task<double> RawRoundTripAsync()
    {
        var options = KernelScriptOptions.Create();
        var state = await CSharpScript.RunAsync<object>("1", options);
        for (var i = 0; i < 20; i++) state = await state.ContinueWithAsync<object>("1 + 1", options);
        var samples = new List<double>();
        for (var i = 0; i < 100; i++)
        {
            var clock = Stopwatch.StartNew();
            state = await state.ContinueWithAsync<object>("1 + 1", options);
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Median(samples);
    }

    private static async Task<double> EditedRoundTripAsync(KernelSession session)
    {
        var cell = NewCell();
        var samples = new List<double>();
        for (var i = 0; i < 60; i++)
        {
            var clock = Stopwatch.StartNew();
            await RunAsync(session, Code(cell, $"1 + {i}"));
            if (i >= 10) samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Median(samples);
    }

    private static async Task<(double Chain, double Cascade)> ChainAsync(KernelSession session)
    {
        var chains = new List<double>();
        var cascades = new List<double>();
        for (var rep = 0; rep < 3; rep++)
        {
            var cells = Enumerable.Range(0, 100).Select(_ => NewCell()).ToList();
            var clock = Stopwatch.StartNew();
            await RunChainAsync(session, cells, "var x0 = 0;");
            chains.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            await RunChainAsync(session, cells, $"var x0 = {rep + 1};");
            cascades.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (Median(chains), Median(cascades));
    }

    private static async Task RunChainAsync(KernelSession session, List<string> cells, string first)
    {
        await RunAsync(session, Code(cells[0], first));
        for (var i = 1; i < cells.Count; i++)
            await RunAsync(session, Code(cells[i], $"var x{i} = x{i - 1} + 1;", new() { [$"x{i - 1}"] = cells[i - 1] }));
    }

    private static async Task<double> InputCascadeAsync(KernelSession session)
    {
        var input = NewCell();
        var readers = Enumerable.Range(0, 10).Select(_ => NewCell()).ToList();
        ExecuteRequest Input(int value) => new($"i-{value}", input, "input", "", new Dictionary<string, string>(),
            JsonDocument.Parse($$"""{"name":"level","type":"slider","value":{{value}}}""").RootElement.Clone());
        async Task RunAll(int value)
        {
            await RunAsync(session, Input(value));
            for (var i = 0; i < readers.Count; i++) await RunAsync(session, Code(readers[i], $"var y{i} = level * {i};", new() { ["level"] = input }));
        }
        await RunAll(0);
        var samples = new List<double>();
        for (var value = 1; value <= 5; value++)
        {
            var clock = Stopwatch.StartNew();
            await RunAll(value);
            samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Median(samples);
    }

    private static async Task<double> SqlAsync(KernelSession session)
    {
        var cell = NewCell();
        var samples = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            var clock = Stopwatch.StartNew();
            await RunAsync(session, new ExecuteRequest($"s-{i}", cell, "sql", Sum, new Dictionary<string, string>()));
            if (i >= 2) samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Median(samples);
    }

    private static double RawSql()
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        var samples = new List<double>();
        for (var i = 0; i < 12; i++)
        {
            var clock = Stopwatch.StartNew();
            using var command = connection.CreateCommand();
            command.CommandText = Sum;
            using var reader = command.ExecuteReader();
            while (reader.Read()) _ = reader.GetValue(0);
            if (i >= 2) samples.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Median(samples);
    }

    private static async Task<double> WarmStartAsync(KernelPool pool)
    {
        var samples = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            while (pool.WarmCount == 0) await Task.Delay(50);
            var project = $"warm-{i}";
            var clock = Stopwatch.StartNew();
            var session = await pool.GetSessionAsync(project);
            await RunAsync(session, Code(NewCell(), "1 + 1"));
            samples.Add(clock.Elapsed.TotalMilliseconds);
            await pool.CloseSessionAsync(project);
        }
        return Median(samples);
    }

    private static async Task<double> ColdStartAsync()
    {
        var samples = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var kernel = await KernelProcess.StartAsync(new KernelProcessOptions());
            await foreach (var e in kernel.Client.ExecuteAsync(Code(NewCell(), "1 + 1")))
            {
                if (e is FinishedEvent) samples.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return Median(samples);
    }

    private static async Task MemoryAsync()
    {
        Console.WriteLine("  (e) working set over 1000 runs of one cell (MB / submissions):");
        foreach (var (edits, limit) in new[] { (false, int.MaxValue), (true, int.MaxValue), (true, 500) })
        {
            await using var pool = new KernelPool(new KernelPoolOptions { WarmKernels = 0, MaxSubmissions = limit });
            var session = await pool.GetSessionAsync("memory");
            var cell = NewCell();
            var line = new List<string>();
            for (var i = 1; i <= 1000; i++)
            {
                var tail = edits ? $"data.Count + {i}" : "data.Count";
                await RunAsync(session, Code(cell, $"var data = Enumerable.Range(0, 100).Select(i => new {{ i, s = i.ToString() }}).ToList(); {tail}"));
                if (i % 250 == 0)
                {
                    var status = await session.StatusAsync();
                    line.Add($"{i}: {status.WorkingSetBytes / 1048576.0:0}/{status.SubmissionCount}");
                }
            }
            var what = (edits ? "edits" : "unchanged re-runs") + (limit == int.MaxValue ? ", no compaction" : $", compaction at {limit}");
            Console.WriteLine($"      {what,-34} {string.Join(", ", line)}");
        }
    }

    private static double Median(List<double> samples)
    {
        var sorted = samples.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
