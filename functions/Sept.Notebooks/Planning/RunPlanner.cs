using Sept.Notebooks.Cells;
using Sept.Notebooks.Graph;

namespace Sept.Notebooks.Planning;

/// <summary>
/// Turns a run request into an ordered <see cref="RunPlan"/>. Cells run in topological order of the graph
/// with ties in cell order (with backward-only binding that is cell order). Cells the graph does not know are
/// ignored: the caller checks that requested cells exist.
/// </summary>
public static class RunPlanner
{
    /// <summary>Plans a run of <paramref name="project"/>, taking reactivity and stale cells from it.</summary>
    public static RunPlan Plan(Project project, NotebookGraph graph, RunMode mode, IReadOnlyCollection<CellId> cells) =>
        Plan(graph, mode, cells, project.Reactive,
            project.Cells.Where(c => c.State == CellState.Stale).Select(c => c.Id).ToHashSet());

    /// <param name="cells">The cells asked for in <see cref="RunMode.Cell"/> and <see cref="RunMode.Downstream"/>;
    /// ignored by the other modes.</param>
    /// <param name="staleCells">The stale cells, used by <see cref="RunMode.Stale"/>.</param>
    public static RunPlan Plan(
        NotebookGraph graph, RunMode mode, IReadOnlyCollection<CellId> cells, bool reactive,
        IReadOnlySet<CellId>? staleCells = null)
    {
        var (roots, rootReason) = mode switch
        {
            RunMode.All => (graph.Cells, (RunReason)RunReason.Requested.Instance),
            RunMode.Stale => (graph.Cells.Where(c => staleCells?.Contains(c) == true).ToList(), RunReason.WasStale.Instance),
            _ => (graph.Cells.Where(cells.Contains).ToList(), RunReason.Requested.Instance),
        };
        var cascade = mode == RunMode.Downstream || (reactive && mode is RunMode.Cell or RunMode.Stale);
        var downstream = graph.TransitiveDependents(roots);
        var included = cascade ? roots.Union(downstream).ToList() : roots;

        var order = graph.TopologicalOrder(included);
        var rootSet = roots.ToHashSet();
        var planned = new HashSet<CellId>();
        var plan = new List<PlannedCell>(order.Count);
        foreach (var cell in order)
        {
            plan.Add(new PlannedCell(cell, rootSet.Contains(cell) ? rootReason : UpstreamReason(graph, cell, planned)));
            planned.Add(cell);
        }
        var markStale = cascade ? [] : downstream.Where(c => !planned.Contains(c)).ToList();
        return new RunPlan(plan, markStale);
    }

    // The first cell already in the plan that this cell reads from, and the first name it reads from it.
    // (Only a cycle, which backward binding rules out, could leave no planned upstream; then take the first.)
    private static RunReason UpstreamReason(NotebookGraph graph, CellId cell, HashSet<CellId> planned)
    {
        var dependencies = graph.DirectDependencies(cell);
        var upstream = dependencies.FirstOrDefault(planned.Contains, dependencies[0]);
        return new RunReason.UpstreamChanged(upstream, graph.NamesBetween(upstream, cell)[0]);
    }
}
