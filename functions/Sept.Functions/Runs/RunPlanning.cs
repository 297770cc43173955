using Sept.Functions.Projects;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Planning;

namespace Sept.Functions.Runs;

/// <summary>Turns the domain's <see cref="RunPlan"/> into a self-contained run request body: each cell with a
/// readable reason and the planned cells it depends on (so a consumer can skip it when one of them fails).</summary>
public static class RunPlanning
{
    public static (IReadOnlyList<PlannedRun> Cells, IReadOnlyList<CellId> MarkStale) Plan(
        LoadedNotebook loaded, IReadOnlyCollection<CellId> requested, RunMode mode, string requestReason)
    {
        var graph = loaded.Notebook.Graph;
        var plan = RunPlanner.Plan(loaded.AsProject(), graph, mode, requested);
        var planned = plan.CellIds.ToHashSet();
        var cells = plan.Cells.Select(p => new PlannedRun(
            p.Cell,
            Describe(p.Reason, requestReason),
            [.. graph.DirectDependencies(p.Cell).Where(planned.Contains)])).ToList();
        return (cells, plan.MarkStale);
    }

    private static string Describe(RunReason reason, string requestReason) => reason switch
    {
        RunReason.UpstreamChanged u => $"{u.Name} changed in cell {u.Upstream}",
        RunReason.WasStale => "stale",
        _ => requestReason,
    };
}
