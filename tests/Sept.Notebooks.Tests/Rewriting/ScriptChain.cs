using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Rewriting;

namespace Sept.Notebooks.Tests.Rewriting;

/// <summary>A real Roslyn submission chain, fed like the kernel feeds it: each cell rewritten with the bindings a
/// notebook gives it (nearest earlier writer of each read), then continued from the last state. Like the kernel, it
/// remembers the types each cell declared (RewrittenCell.TypeNames) to tell the rewriter which bindings are types.</summary>
sealed class ScriptChain
{
    static readonly ScriptOptions options = ScriptOptions.Default
        .WithReferences(typeof(object).Assembly, typeof(Enumerable).Assembly, typeof(List<>).Assembly, typeof(Console).Assembly,
            typeof(System.Text.Json.JsonSerializer).Assembly, typeof(System.Text.RegularExpressions.Regex).Assembly,
            typeof(HttpClient).Assembly)
        .WithImports(ScriptReferences.DefaultUsings);

    readonly List<(CellId Id, string Source)> cells = [];
    readonly Dictionary<CellId, IReadOnlySet<string>> typeNames = [];
    ScriptState<object>? state;

    public CellId Add(string source)
    {
        var id = CellId.New();
        cells.Add((id, source));
        return id;
    }

    public void Edit(CellId id, string source) => cells[cells.FindIndex(c => c.Id == id)] = (id, source);

    /// <summary>Runs one cell now, in a new submission, and returns its value.</summary>
    public async Task<object?> Run(CellId id)
    {
        var rewritten = Rewrite(id);
        state = state is null
            ? await CSharpScript.RunAsync(rewritten.Code, options)
            : await state.ContinueWithAsync(rewritten.Code, options);
        return state.ReturnValue;
    }

    public RewrittenCell Rewrite(CellId id)
    {
        var index = cells.FindIndex(c => c.Id == id);
        var analysis = CSharpCellAnalyzer.Analyze(cells[index].Source);
        var bindings = new Dictionary<string, CellId>();
        foreach (var read in analysis.Symbols.Reads.Union(analysis.Symbols.AmbientReads))
            for (var earlier = index - 1; earlier >= 0; earlier--)
            {
                var writer = CSharpCellAnalyzer.Analyze(cells[earlier].Source);
                if (!writer.Symbols.Writes.Contains(read)) continue;
                bindings[read] = cells[earlier].Id;
                break;
            }
        var rewritten = CSharpCellRewriter.Rewrite(analysis, id, bindings,
            (name, cell) => typeNames.TryGetValue(cell, out var types) && types.Contains(name));
        typeNames[id] = rewritten.TypeNames;
        return rewritten;
    }
}
