using System.Diagnostics;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Graph;
using Sept.Notebooks.Planning;

namespace Sept.Benchmarks;

/// <summary>
/// Edit -> plan on a 200-cell notebook: re-analyse the one edited cell with the real analyzer (reads and writes,
/// no semantic diagnostics: the plan does not need them), rebuild the graph from all cells' symbols, plan the
/// reactive run and the stale set. Target: median under 20 ms. Also printed: the same with semantic diagnostics.
/// </summary>
internal static class AnalysisBenchmark
{
    private const double TargetMs = 20;
    private const int WarmUpEdits = 100;
    private const int MeasuredEdits = 400;
    // Cells edited in turn: near the top (long downstream), in the middle, at the end; every kind of cell.
    private static readonly int[] EditedCells = [3, 4, 9, 27, 60, 101, 118, 150, 165, 199];

    public static int Run()
    {
        var sources = SampleNotebook.Cells().ToArray();
        var ids = sources.Select(_ => CellId.New()).ToArray();

        var coldStart = Stopwatch.StartNew();
        CSharpCellAnalyzer.WarmUp();
        var warmUpMs = coldStart.Elapsed.TotalMilliseconds;
        var fullStart = Stopwatch.StartNew();
        var symbols = sources.Select(s => CSharpCellAnalyzer.Analyze(s).Symbols).ToArray();
        var fullMs = fullStart.Elapsed.TotalMilliseconds;

        var graph = Build(ids, symbols);
        if (graph.UnboundReads.Count > 0 || graph.Cycles.Count > 0 || symbols.Any(s => s.Diagnostics.Any(d => d.IsError)))
        {
            foreach (var unbound in graph.UnboundReads) Console.Error.WriteLine($"sample notebook: {unbound.Message}");
            foreach (var (s, i) in symbols.Select((s, i) => (s, i)))
                foreach (var d in s.Diagnostics.Where(d => d.IsError))
                    Console.Error.WriteLine($"sample notebook cell {i + 1}: {d.Id} {d.Message}");
            Console.Error.WriteLine("analysis: sample notebook is broken; no figure");
            return 1;
        }

        // The plan needs only reads and writes; semantic diagnostics (type errors to show in the editor) are a
        // second, optional pass, measured separately.
        var forPlan = Measure(sources, ids, symbols, semanticDiagnostics: false, out var planned);
        var withDiagnostics = Measure(sources, ids, symbols, semanticDiagnostics: true, out _);

        Console.WriteLine($"analysis: {sources.Length} cells, {graph.Edges.Count} edges; warm-up {warmUpMs:F0} ms, "
            + $"first full analysis {fullMs:F0} ms; {MeasuredEdits} edits, {planned / MeasuredEdits:F0} cells planned per edit on average");
        Console.WriteLine($"analysis: steps (median ms) analyse {forPlan.Analyse.Median:F2}, "
            + $"graph {forPlan.Graph.Median:F2}, plan {forPlan.Plan.Median:F2}; CPU per edit (mean) {forPlan.CpuMsPerEdit:F2}; "
            + $"load average {LoadAverage()}");
        Console.WriteLine($"analysis: with semantic diagnostics edit→plan median {withDiagnostics.Total.Median:F2} ms "
            + $"p95 {withDiagnostics.Total.P95:F2} ms CPU per edit {withDiagnostics.CpuMsPerEdit:F2} ms "
            + $"ratio {withDiagnostics.Total.Median / TargetMs:F2}");
        Console.WriteLine($"analysis: edit→plan median {forPlan.Total.Median:F2} ms p95 {forPlan.Total.P95:F2} ms "
            + $"(target {TargetMs:F0} ms) ratio {forPlan.Total.Median / TargetMs:F2}");
        return 0;
    }

    private sealed record Steps(Timings Total, Timings Analyse, Timings Graph, Timings Plan)
    {
        /// <summary>Process CPU time over the measured edits divided by their count: unlike wall-clock time it
        /// does not grow when other processes take the cores (it includes GC and JIT threads).</summary>
        public double CpuMsPerEdit { get; set; }
    }

    private static Steps Measure(
        string[] sources, CellId[] ids, CellSymbols[] initial, bool semanticDiagnostics, out long plannedCells)
    {
        var symbols = (CellSymbols[])initial.Clone();
        var graph = Build(ids, symbols);
        var steps = new Steps(new Timings(), new Timings(), new Timings(), new Timings());
        var scratch = new Steps(new Timings(), new Timings(), new Timings(), new Timings());
        plannedCells = 0;
        var cpuStart = TimeSpan.Zero;
        for (var edit = 0; edit < WarmUpEdits + MeasuredEdits; edit++)
        {
            var into = edit < WarmUpEdits ? scratch : steps;
            if (edit == WarmUpEdits) cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
            var cell = EditedCells[edit % EditedCells.Length];
            // A real change to the text (a new literal), so nothing can be served from a cache.
            var source = sources[cell] + $"\nvar edit{edit} = {edit};";
            var previous = graph;
            var (plan, stale) = into.Total.Measure(() =>
            {
                symbols[cell] = into.Analyse.Measure(() => CSharpCellAnalyzer.Analyze(source, semanticDiagnostics).Symbols);
                graph = into.Graph.Measure(() => Build(ids, symbols));
                return into.Plan.Measure(() => (
                    RunPlanner.Plan(graph, RunMode.Cell, [ids[cell]], reactive: true),
                    StalePropagation.ForEdit(graph, ids[cell], previous)));
            });
            if (plan.Cells.Count != stale.Count)
                throw new InvalidOperationException($"plan of {plan.Cells.Count} cells but {stale.Count} stale");
            if (into == steps) plannedCells += plan.Cells.Count;
        }
        steps.CpuMsPerEdit = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalMilliseconds / MeasuredEdits;
        return steps;
    }

    // The machine is shared; the load says how much the wall-clock figures are inflated.
    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private static NotebookGraph Build(CellId[] ids, CellSymbols[] symbols) =>
        NotebookGraph.Build([.. ids.Zip(symbols)]);
}
