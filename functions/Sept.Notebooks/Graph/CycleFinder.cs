using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Graph;

/// <summary>
/// Guard against dependency loops: Tarjan's strongly connected components over the edges. Backward-only
/// binding cannot produce a loop, so a non-empty answer means a bug upstream; it is still reported with its
/// cells rather than hanging the planner. Iterative, so long chains cannot overflow the stack.
/// </summary>
public static class CycleFinder
{
    /// <summary>Every group of cells that depend on each other in a loop (a cell depending on itself counts),
    /// each listed in cell order; groups ordered by their first cell.</summary>
    public static IReadOnlyList<GraphCycle> FindCycles(IReadOnlyList<CellId> cells, IEnumerable<GraphEdge> edges) =>
        FindCycles(new Topology(cells, [.. edges]));

    internal static IReadOnlyList<GraphCycle> FindCycles(Topology topology)
    {
        var n = topology.Count;
        var index = new int[n];
        var lowLink = new int[n];
        var onStack = new bool[n];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var cycles = new List<List<int>>();
        var counter = 0;

        for (var root = 0; root < n; root++)
        {
            if (index[root] >= 0) continue;
            // Each frame: node and how many of its children were already visited.
            var work = new Stack<(int Node, int Next)>();
            work.Push((root, 0));
            index[root] = lowLink[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            while (work.Count > 0)
            {
                var (node, next) = work.Pop();
                var children = topology.ChildrenOf(node);
                if (next < children.Count)
                {
                    work.Push((node, next + 1));
                    var child = children[next];
                    if (index[child] < 0)
                    {
                        index[child] = lowLink[child] = counter++;
                        stack.Push(child);
                        onStack[child] = true;
                        work.Push((child, 0));
                    }
                    else if (onStack[child])
                        lowLink[node] = Math.Min(lowLink[node], index[child]);
                    continue;
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    lowLink[parent] = Math.Min(lowLink[parent], lowLink[node]);
                }
                if (lowLink[node] != index[node]) continue;
                var component = new List<int>();
                int member;
                do
                {
                    member = stack.Pop();
                    onStack[member] = false;
                    component.Add(member);
                } while (member != node);
                if (component.Count > 1 || topology.ChildrenOf(node).Contains(node))
                    cycles.Add(component);
            }
        }

        return [.. cycles
            .Select(c => c.Order().ToList())
            .OrderBy(c => c[0])
            .Select(c => new GraphCycle([.. c.Select(p => topology.Cells[p])]))];
    }
}
