using Sept.Notebooks.Graph;
using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Planning;

/// <summary>Which cells' outputs stop matching their code or inputs after an edit, a move or a failure.
/// Every answer is in cell order.</summary>
public static class StalePropagation
{
    /// <summary>The edited cell and everything downstream of it. Pass the graph from before the edit too, so
    /// cells that read a name the edit removed (now unbound) are included.</summary>
    public static IReadOnlyList<CellId> ForEdit(NotebookGraph current, CellId edited, NotebookGraph? previous = null)
    {
        var affected = current.TransitiveDependents(edited).Append(edited);
        if (previous is not null)
            affected = affected.Concat(previous.TransitiveDependents(edited).Where(c => current.IndexOf(c) >= 0));
        return InCellOrder(current, affected);
    }

    /// <summary>After cells were moved, added or deleted: every cell whose bindings changed (a read now binds to
    /// another cell, or became unbound or bound) and everything downstream of those.</summary>
    public static IReadOnlyList<CellId> ForRebinding(NotebookGraph previous, NotebookGraph current)
    {
        var changed = current.Cells.Where(c => !SameBindings(previous, current, c)).ToList();
        return InCellOrder(current, changed.Concat(current.TransitiveDependents(changed)));
    }

    /// <summary>The planned cells after <paramref name="failed"/> that depend on it, directly or through any
    /// other cell: they must not run and become stale (not error).</summary>
    public static IReadOnlyList<CellId> SkippedAfterFailure(RunPlan plan, NotebookGraph graph, CellId failed)
    {
        var downstream = graph.TransitiveDependents(failed).ToHashSet();
        return [.. plan.Cells.SkipWhile(p => p.Cell != failed).Skip(1).Select(p => p.Cell).Where(downstream.Contains)];
    }

    private static bool SameBindings(NotebookGraph previous, NotebookGraph current, CellId cell)
    {
        // A new cell has never run, so there is nothing of its own to invalidate.
        if (previous.IndexOf(cell) < 0) return true;
        var before = previous.BindingsOf(cell);
        var after = current.BindingsOf(cell);
        return before.Count == after.Count
            && before.All(b => after.TryGetValue(b.Key, out var w) && w == b.Value)
            && previous.DirectDependencies(cell).ToHashSet().SetEquals(current.DirectDependencies(cell))
            && previous.UnboundReadsOf(cell).Select(u => u.Name).SequenceEqual(current.UnboundReadsOf(cell).Select(u => u.Name));
    }

    private static List<CellId> InCellOrder(NotebookGraph graph, IEnumerable<CellId> cells) =>
        [.. cells.Distinct().OrderBy(graph.IndexOf)];
}
