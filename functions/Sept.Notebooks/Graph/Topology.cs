using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Graph;

/// <summary>Nodes (cells by position) and edges; parent and child lists hold positions in ascending order.</summary>
internal sealed class Topology
{
    private readonly Dictionary<CellId, int> _positions;
    private readonly List<int>[] _children;
    private readonly List<int>[] _parents;
    private readonly Dictionary<(int From, int To), SortedSet<string>> _names = [];

    public Topology(IReadOnlyList<CellId> cells, IReadOnlyList<GraphEdge> edges)
    {
        Cells = cells;
        Edges = edges;
        _positions = new Dictionary<CellId, int>(cells.Count);
        for (var i = 0; i < cells.Count; i++)
            if (!_positions.TryAdd(cells[i], i))
                throw new ArgumentException($"Cell {cells[i]} appears twice.", nameof(cells));
        _children = [.. cells.Select(_ => new List<int>())];
        _parents = [.. cells.Select(_ => new List<int>())];
        foreach (var edge in edges)
        {
            var from = _positions[edge.From];
            var to = _positions[edge.To];
            AddSorted(_children[from], to);
            AddSorted(_parents[to], from);
            if (!_names.TryGetValue((from, to), out var names))
                _names[(from, to)] = names = new SortedSet<string>(StringComparer.Ordinal);
            names.Add(edge.Name);
        }
    }

    public IReadOnlyList<CellId> Cells { get; }
    public IReadOnlyList<GraphEdge> Edges { get; }
    public int Count => Cells.Count;

    public int PositionOf(CellId id) => _positions.TryGetValue(id, out var i) ? i : -1;
    public IReadOnlyList<int> ChildrenOf(int position) => _children[position];
    public IReadOnlyList<int> ParentsOf(int position) => _parents[position];
    /// <summary>Names carried by the edges from one cell to another, ordinal order.</summary>
    public IReadOnlyCollection<string> NamesBetween(int from, int to) =>
        _names.TryGetValue((from, to), out var names) ? names : [];

    private static void AddSorted(List<int> list, int value)
    {
        var at = list.BinarySearch(value);
        if (at < 0) list.Insert(~at, value);
    }
}
