using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Graph;

/// <summary>
/// The dependency graph of a notebook, built from each cell's symbols in cell order. Immutable: rebuild it
/// after an edit, move or delete (building is a few map lookups per name). Binding rules: <see cref="Binder"/>.
/// Questions about a cell that is not in the graph get empty answers.
/// </summary>
public sealed class NotebookGraph
{
    private readonly Topology _topology;
    private readonly IReadOnlyList<CellSymbols> _symbols;
    private readonly IReadOnlyList<IReadOnlyDictionary<string, CellId>> _bindings;

    private NotebookGraph(
        Topology topology, IReadOnlyList<CellSymbols> symbols, Binder.Result bound, IReadOnlyList<GraphCycle> cycles)
    {
        _topology = topology;
        _symbols = symbols;
        _bindings = bound.Bindings;
        UnboundReads = bound.Unbound;
        Warnings = bound.Warnings;
        Cycles = cycles;
    }

    public static NotebookGraph Build(IReadOnlyList<(CellId Id, CellSymbols Symbols)> cellsInOrder)
    {
        var bound = Binder.Bind(cellsInOrder);
        var topology = new Topology([.. cellsInOrder.Select(c => c.Id)], bound.Edges);
        return new NotebookGraph(
            topology, [.. cellsInOrder.Select(c => c.Symbols)], bound, CycleFinder.FindCycles(topology));
    }

    public IReadOnlyList<CellId> Cells => _topology.Cells;
    /// <summary>Writer -> reader, one per name (plus one per mutating cell in between), grouped by reader in cell order.</summary>
    public IReadOnlyList<GraphEdge> Edges => _topology.Edges;
    public IReadOnlyList<UnboundRead> UnboundReads { get; }
    public IReadOnlyList<MutationWarning> Warnings { get; }
    /// <summary>Empty unless something is badly wrong; see <see cref="CycleFinder"/>.</summary>
    public IReadOnlyList<GraphCycle> Cycles { get; }

    /// <summary>0-based position in cell order, or -1.</summary>
    public int IndexOf(CellId cell) => _topology.PositionOf(cell);

    public CellSymbols SymbolsOf(CellId cell) => At(cell) is { } i ? _symbols[i] : CellSymbols.Empty;

    /// <summary>Name -> the cell whose declaration this cell's read (or mutation) of that name uses.</summary>
    public IReadOnlyDictionary<string, CellId> BindingsOf(CellId cell) =>
        At(cell) is { } i ? _bindings[i] : new Dictionary<string, CellId>();

    public IReadOnlyList<UnboundRead> UnboundReadsOf(CellId cell) => [.. UnboundReads.Where(u => u.Cell == cell)];

    /// <summary>Cells this cell reads from (writers and mutators), in cell order.</summary>
    public IReadOnlyList<CellId> DirectDependencies(CellId cell) =>
        At(cell) is { } i ? Ids(_topology.ParentsOf(i)) : [];

    /// <summary>Cells that read from this cell, in cell order.</summary>
    public IReadOnlyList<CellId> DirectDependents(CellId cell) =>
        At(cell) is { } i ? Ids(_topology.ChildrenOf(i)) : [];

    /// <summary>Every cell downstream of this one (not the cell itself), in cell order.</summary>
    public IReadOnlyList<CellId> TransitiveDependents(CellId cell) => TransitiveDependents([cell]);

    public IReadOnlyList<CellId> TransitiveDependents(IEnumerable<CellId> cells) =>
        Ids(GraphAlgorithms.Descendants(_topology, Positions(cells)));

    /// <summary>The given cells in dependency order; ties go to cell order. Unknown cells are dropped.</summary>
    public IReadOnlyList<CellId> TopologicalOrder(IEnumerable<CellId> cells) =>
        Ids(GraphAlgorithms.TopologicalOrder(_topology, Positions(cells).ToHashSet()));

    /// <summary>Names through which <paramref name="to"/> depends directly on <paramref name="from"/>.</summary>
    public IReadOnlyList<string> NamesBetween(CellId from, CellId to) =>
        At(from) is { } f && At(to) is { } t ? [.. _topology.NamesBetween(f, t)] : [];

    private int? At(CellId cell) => _topology.PositionOf(cell) is var i && i >= 0 ? i : null;

    private IEnumerable<int> Positions(IEnumerable<CellId> cells) =>
        cells.Select(_topology.PositionOf).Where(i => i >= 0);

    private List<CellId> Ids(IEnumerable<int> positions) => [.. positions.Select(p => _topology.Cells[p])];
}
