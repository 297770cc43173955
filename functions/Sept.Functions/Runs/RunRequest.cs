using Sept.Notebooks.Cells;

namespace Sept.Functions.Runs;

/// <summary>A planned run: the cells in execution order, each with why it runs.</summary>
public sealed record RunRequest(ProjectId ProjectId, string RunId, IReadOnlyList<PlannedRun> Cells, DateTimeOffset RequestedAt)
{
    public bool HasSameCells(RunRequest other) =>
        other.ProjectId == ProjectId && other.Cells.Select(c => c.CellId).ToHashSet().SetEquals(Cells.Select(c => c.CellId));
}

/// <summary>One cell of a run. <paramref name="Reason"/> is shown in run history (provenance):
/// "requested", "depends on {cell} via {name}", "input changed", "stale".</summary>
/// <param name="DependsOn">Cells earlier in the same run this cell depends on; when one of them fails, this one is skipped.</param>
public sealed record PlannedRun(CellId CellId, string Reason, IReadOnlyList<CellId> DependsOn);
