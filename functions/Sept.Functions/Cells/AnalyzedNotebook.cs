using Sept.Functions.Storage;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Graph;

namespace Sept.Functions.Cells;

/// <summary>A project's cells with their symbols and dependency graph: what the API shows and what runs plan on.</summary>
public sealed class AnalyzedNotebook(IReadOnlyList<CellRecord> cells, NotebookGraph graph)
{
    public IReadOnlyList<CellRecord> Cells { get; } = cells;

    public NotebookGraph Graph { get; } = graph;

    public CellSymbols SymbolsOf(CellId id) => Graph.SymbolsOf(id);

    public IReadOnlyList<CellProblem> ProblemsOf(CellId id)
    {
        var problems = new List<CellProblem>();
        problems.AddRange(Graph.UnboundReadsOf(id).Select(u => new CellProblem("unbound", u.Message, IsError: true)));
        problems.AddRange(Graph.Warnings.Where(w => w.Cell == id).Select(w => new CellProblem("mutation", w.Message, IsError: false)));
        problems.AddRange(Graph.Cycles.Where(c => c.Cells.Contains(id)).Select(c =>
            new CellProblem("cycle", $"cells depend on each other in a loop: {string.Join(" -> ", c.Cells)}", IsError: true)));
        problems.AddRange(SymbolsOf(id).Diagnostics.Select(d => new CellProblem(d.Id, d.Message, d.IsError, d.Line, d.Column)));
        return problems;
    }

    /// <summary>For each name the cell reads: the id of the cell it binds to (what the kernel needs).</summary>
    public IReadOnlyDictionary<string, string> BindingsOf(CellId id) =>
        Graph.BindingsOf(id).ToDictionary(b => b.Key, b => b.Value.ToString(), StringComparer.Ordinal);

    /// <summary>Cells that depend on <paramref name="id"/>, directly or not, in cell order.</summary>
    public IReadOnlyList<CellId> DependentsOf(CellId id) => Graph.TransitiveDependents(id);

    public CellDto ToDto(CellRecord cell)
    {
        var symbols = SymbolsOf(cell.Id);
        return CellMapping.ToDto(cell, [.. symbols.Reads.Order(StringComparer.Ordinal)],
            [.. symbols.Writes.Order(StringComparer.Ordinal)], ProblemsOf(cell.Id));
    }
}
