namespace Sept.Notebooks.Graph;

/// <summary>Free functions over a <see cref="Topology"/>: closure and ordering. Positions in, positions out.</summary>
internal static class GraphAlgorithms
{
    /// <summary>Every cell reachable from the roots along edges, roots excluded unless reachable from
    /// another root; ascending positions.</summary>
    public static SortedSet<int> Descendants(Topology topology, IEnumerable<int> roots)
    {
        var seen = new SortedSet<int>();
        var pending = new Stack<int>(roots);
        while (pending.Count > 0)
            foreach (var child in topology.ChildrenOf(pending.Pop()))
                if (seen.Add(child)) pending.Push(child);
        return seen;
    }

    /// <summary>Kahn's topological order of the subset, using only edges inside it; among cells that are ready
    /// at the same time the earlier cell goes first. Cells caught in a cycle come last, in cell order.</summary>
    public static List<int> TopologicalOrder(Topology topology, IReadOnlySet<int> subset)
    {
        var waitingOn = new Dictionary<int, int>(subset.Count);
        foreach (var node in subset)
            waitingOn[node] = topology.ParentsOf(node).Count(subset.Contains);
        var ready = new PriorityQueue<int, int>();
        foreach (var (node, count) in waitingOn)
            if (count == 0) ready.Enqueue(node, node);
        var order = new List<int>(subset.Count);
        while (ready.TryDequeue(out var node, out _))
        {
            order.Add(node);
            foreach (var child in topology.ChildrenOf(node))
                if (subset.Contains(child) && --waitingOn[child] == 0)
                    ready.Enqueue(child, child);
        }
        if (order.Count < subset.Count)
            order.AddRange(subset.Where(n => waitingOn[n] > 0).Order());
        return order;
    }
}
