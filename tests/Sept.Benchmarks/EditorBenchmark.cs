using System.Diagnostics;
using Sept.LanguageServices.Features;
using Sept.LanguageServices.Workspace;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Graph;

namespace Sept.Benchmarks;

/// <summary>
/// The editor's language services on the 200-cell sample notebook over a long session: 1000 edits, each followed by
/// the diagnostics of the notebook (the edited cell and its dependents are checked, the rest is cached), a completion
/// after <c>.</c> on a name from another cell in unsaved typing, and a hover. Targets (p95): completion 50 ms, hover
/// 30 ms, diagnostics 150 ms; latency and memory are printed at 0/500/1000 edits (they must not grow). The same
/// completion with a fresh workspace per request (the design that made Polyglot slow) is measured for the ratio.
/// </summary>
internal static class EditorBenchmark
{
    private const double CompletionTargetMs = 50, HoverTargetMs = 30, DiagnosticsTargetMs = 150;
    private const int Edits = 1000, Window = 100, FreshRequests = 10;
    // Edits go to these cells in turn: the parameter cells of late blocks (a few dependents each) and a summary
    // line near the end; typing happens in the last block.
    private static readonly int[] EditedCells = [179, 187, 195, 198, 190];

    public static int Run()
    {
        var sources = SampleNotebook.Cells().ToArray();
        var cells = sources.Select(s => new EditorCell(CellId.New(), CellKind.Code, s)).ToList();
        var references = NotebookReferences.Create(Path.Combine(AppContext.BaseDirectory, "Sept.Kernel.dll"));
        using var workspace = new NotebookWorkspace(references);
        var diagnostics = new NotebookDiagnostics();
        var typing = cells[^1];
        const string probe = "\nvar probe = points23.";
        var hoverCell = cells[^5];
        var hoverAt = hoverCell.Source.IndexOf("scored24", StringComparison.Ordinal) + 2;

        var start = Stopwatch.StartNew();
        var snapshot = workspace.Update(cells);
        // The app caches each cell's symbols per version (NotebookAnalysis): an edit re-analyses one cell.
        var symbols = cells.Select(c => CellAnalyzer.Analyze(c.Kind, c.Source, CellSettings.None)).ToArray();
        var initial = diagnostics.GetAsync(snapshot, cells, Graph(cells, symbols), references.HasHelpers, default).GetAwaiter().GetResult();
        var firstMs = start.Elapsed.TotalMilliseconds;
        var errors = initial.Sum(c => c.Errors);
        if (errors > 0)
        {
            foreach (var d in initial.SelectMany(c => c.Diagnostics).Take(5)) Console.Error.WriteLine($"editor: sample {d.Id} {d.Message}");
            Console.Error.WriteLine("editor: the sample notebook does not compile; no figure");
            return 1;
        }

        var completion = new Timings();
        var hover = new Timings();
        var check = new Timings();
        var windows = new List<string>();
        var checkedCells = 0L;
        // CPU time of the process per request: unlike wall-clock time it barely grows when other processes take the cores.
        var completionCpu = TimeSpan.Zero;
        var checkCpu = TimeSpan.Zero;
        var process = Process.GetCurrentProcess();
        for (var edit = 0; edit <= Edits; edit++)
        {
            var index = EditedCells[edit % EditedCells.Length];
            cells[index] = cells[index] with { Source = sources[index] + $"\n// edit {edit}" };
            var c0 = process.TotalProcessorTime;
            var t0 = Stopwatch.GetTimestamp();
            snapshot = workspace.Update(cells);
            symbols[index] = CellAnalyzer.Analyze(CellKind.Code, cells[index].Source, CellSettings.None);
            diagnostics.GetAsync(snapshot, cells, Graph(cells, symbols), references.HasHelpers, default).GetAwaiter().GetResult();
            check.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
            process.Refresh();
            checkCpu += process.TotalProcessorTime - c0;
            checkedCells += diagnostics.LastChecked;

            var typed = sources[^1] + probe[..(probe.Length - (edit % 3))] + (edit % 3 == 0 ? "" : ".");
            var c1 = process.TotalProcessorTime;
            var t1 = Stopwatch.GetTimestamp();
            var draft = snapshot.WithDraftAsync(typing.Id, typed, default).GetAwaiter().GetResult();
            var list = CellCompletions.GetAsync(draft, typing.Id, typed.Length, default).GetAwaiter().GetResult();
            completion.Add(Stopwatch.GetElapsedTime(t1).TotalMilliseconds);
            process.Refresh();
            completionCpu += process.TotalProcessorTime - c1;
            if (list is null || list.Items.All(i => i.Label != "Count"))
            {
                Console.Error.WriteLine($"editor: completion after '{typed[^12..]}' lacks Count; no figure");
                return 1;
            }
            hover.Measure(() => CellHover.GetAsync(snapshot, hoverCell.Id, hoverAt, default).GetAwaiter().GetResult());

            if (edit % 500 == 0)
                windows.Add($"edit {edit}: completion p95 {Recent(completion):F1} ms, hover p95 {Recent(hover):F1} ms, "
                    + $"diagnostics p95 {Recent(check):F1} ms, managed memory {Memory():F0} MB");
        }

        var fresh = new Timings();
        for (var i = 0; i < FreshRequests; i++)
        {
            var typed = sources[^1] + probe;
            fresh.Measure(() =>
            {
                using var once = new NotebookWorkspace(references);
                var forked = once.Update(cells).WithDraftAsync(typing.Id, typed, default).GetAwaiter().GetResult();
                return CellCompletions.GetAsync(forked, typing.Id, typed.Length, default).GetAwaiter().GetResult();
            });
        }

        Console.WriteLine($"editor: {cells.Count} cells; first workspace and full diagnostics {firstMs:F0} ms; "
            + $"{Edits} edits, {(double)checkedCells / (Edits + 1):F1} cells checked per edit; load average {AnalysisBenchmark.LoadAverage()}");
        foreach (var line in windows) Console.WriteLine($"editor: {line}");
        Console.WriteLine($"editor: completion after '.' median {completion.Median:F1} ms p95 {completion.P95:F1} ms "
            + $"(target {CompletionTargetMs:F0}) ratio {completion.P95 / CompletionTargetMs:F2}; CPU per completion {completionCpu.TotalMilliseconds / (Edits + 1):F1} ms");
        Console.WriteLine($"editor: hover median {hover.Median:F1} ms p95 {hover.P95:F1} ms (target {HoverTargetMs:F0}) ratio {hover.P95 / HoverTargetMs:F2}");
        Console.WriteLine($"editor: diagnostics of an edit median {check.Median:F1} ms p95 {check.P95:F1} ms "
            + $"(target {DiagnosticsTargetMs:F0}) ratio {check.P95 / DiagnosticsTargetMs:F2}; CPU per edit {checkCpu.TotalMilliseconds / (Edits + 1):F1} ms");
        Console.WriteLine($"editor: fresh AdhocWorkspace per completion median {fresh.Median:F0} ms: "
            + $"{fresh.Median / completion.Median:F0}x the incremental workspace");
        return 0;

        double Recent(Timings timings) => timings.Window(Window).P95;
    }

    private static NotebookGraph Graph(IReadOnlyList<EditorCell> cells, CellSymbols[] symbols) =>
        NotebookGraph.Build([.. cells.Select((c, i) => (c.Id, symbols[i]))]);

    private static double Memory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0;
    }
}
