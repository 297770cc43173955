using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Sept.Kernel.Hosting;
using Sept.Kernel.Protocol;
using Sept.Kernel.Scripting;

namespace Sept.Benchmarks;

/// <summary>scripts/bench kernel: (a) warm round trip over HTTP vs in-process ContinueWithAsync, (b) a 100-cell dependent
/// chain, (c) cold start and start from a warm pool, (d) a SQL cell vs raw DuckDB.NET, (e) memory over 1000 re-runs;
/// (a)–(c) also on Jupyter's ipykernel when it is installed, with Sept/Jupyter ratios.</summary>
public static class KernelBench
{
    private const string Sum = "SELECT sum(i) AS s FROM range(1000000) t(i)";

    public static async Task<int> RunAsync(string[] args)
    {
        Console.WriteLine("== kernel");
        var figures = new Dictionary<string, double>();
        await using (var pool = new KernelPool(new KernelPoolOptions { WarmKernels = 1, MaxSubmissions = int.MaxValue }))
        {
            await pool.StartAsync();
            var session = await pool.GetSessionAsync("bench");
            figures["roundTrip"] = await WarmRoundTripAsync(session);
            figures["rawRoundTrip"] = await RawRoundTripAsync();
            Report("(a) warm trivial cell, HTTP round trip", figures["roundTrip"], "ms median");
            Report("(a) same, raw in-process ContinueWithAsync", figures["rawRoundTrip"], "ms median");
            figures["chain"] = await ChainAsync(session);
            Report("(b) 100-cell dependent chain", figures["chain"], "ms median of 3");
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
        await JupyterAsync(figures);
        return 0;
    }

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

    private static async Task<double> ChainAsync(KernelSession session)
    {
        var reps = new List<double>();
        for (var rep = 0; rep < 3; rep++)
        {
            var cells = Enumerable.Range(0, 100).Select(_ => NewCell()).ToList();
            var clock = Stopwatch.StartNew();
            await RunAsync(session, Code(cells[0], "var x0 = 0;"));
            for (var i = 1; i < 100; i++)
                await RunAsync(session, Code(cells[i], $"var x{i} = x{i - 1} + 1;", new() { [$"x{i - 1}"] = cells[i - 1] }));
            reps.Add(clock.Elapsed.TotalMilliseconds);
        }
        return Median(reps);
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
        Console.WriteLine("  (e) working set while re-running one cell 1000 times (MB):");
        foreach (var limit in new[] { int.MaxValue, 500 })
        {
            await using var pool = new KernelPool(new KernelPoolOptions { WarmKernels = 0, MaxSubmissions = limit });
            var session = await pool.GetSessionAsync("memory");
            var cell = NewCell();
            var line = new List<string>();
            for (var i = 1; i <= 1000; i++)
            {
                await RunAsync(session, Code(cell, "var data = Enumerable.Range(0, 100).Select(i => new { i, s = i.ToString() }).ToList(); data.Count"));
                if (i % 250 == 0)
                {
                    var status = await session.StatusAsync();
                    line.Add($"{i}: {status.WorkingSetBytes / 1048576.0:0} MB/{status.SubmissionCount} subs");
                }
            }
            Console.WriteLine($"      {(limit == int.MaxValue ? "no compaction" : $"compaction at {limit}"),-18} {string.Join(", ", line)}");
        }
    }

    private static async Task JupyterAsync(Dictionary<string, double> sept)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "jupyter_bench.py");
        var start = new ProcessStartInfo("python3", $"\"{script}\"") { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            using var python = Process.Start(start)!;
            var output = await python.StandardOutput.ReadToEndAsync();
            var error = await python.StandardError.ReadToEndAsync();
            await python.WaitForExitAsync();
            if (python.ExitCode != 0)
            {
                Console.WriteLine($"  jupyter: skipped ({error.Trim().Split('\n').LastOrDefault()}); install python3-ipykernel python3-jupyter-client");
                return;
            }
            using var json = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
            var root = json.RootElement;
            Console.WriteLine("  Jupyter ipykernel, same steps; ratio = Sept / Jupyter (lower is better for Sept):");
            Ratio("(a) warm round trip", sept["roundTrip"], root.GetProperty("roundTripMs").GetDouble());
            Ratio("(b) 100-cell chain", sept["chain"], root.GetProperty("chainMs").GetDouble());
            Ratio("(c) cold start", sept["coldStart"], root.GetProperty("coldStartMs").GetDouble());
            Ratio("(c) Sept warm pool vs Jupyter cold start", sept["warmStart"], root.GetProperty("coldStartMs").GetDouble());
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine("  jupyter: skipped (python3 not found)");
        }
    }

    private static void Ratio(string what, double sept, double jupyter) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"    {what,-44} Sept {sept,9:0.0} ms   Jupyter {jupyter,9:0.0} ms   ratio {sept / jupyter,5:0.00}"));

    private static double Median(List<double> samples)
    {
        var sorted = samples.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
