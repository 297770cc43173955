using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Planning;

/// <summary>What the user asked to run (matches the HTTP <c>mode</c>).</summary>
public enum RunMode
{
    /// <summary>The given cells; in a reactive project also everything downstream of them.</summary>
    Cell,
    /// <summary>The given cells and everything downstream of them, reactive or not.</summary>
    Downstream,
    /// <summary>Every cell, in dependency order.</summary>
    All,
    /// <summary>Every stale cell; in a reactive project also everything downstream of them.</summary>
    Stale,
}

/// <summary>Why a cell is in a run plan, for the UI ("re-ran because A.x changed").</summary>
public abstract record RunReason
{
    private RunReason() { }

    /// <summary>The user asked for this cell (or for all cells).</summary>
    public sealed record Requested : RunReason
    {
        public static Requested Instance { get; } = new();
    }

    /// <summary>The cell was stale and the user asked to run stale cells.</summary>
    public sealed record WasStale : RunReason
    {
        public static WasStale Instance { get; } = new();
    }

    /// <summary>An earlier cell in the plan, <paramref name="Upstream"/>, writes or changes
    /// <paramref name="Name"/>, which this cell reads.</summary>
    public sealed record UpstreamChanged(CellId Upstream, string Name) : RunReason;
}

public sealed record PlannedCell(CellId Cell, RunReason Reason);

/// <summary>Cells to run, in order, and the cells that will not run but whose outputs become out of date
/// (dependents in a non-reactive project), in cell order.</summary>
public sealed record RunPlan(IReadOnlyList<PlannedCell> Cells, IReadOnlyList<CellId> MarkStale)
{
    public static RunPlan Empty { get; } = new([], []);

    public IReadOnlyList<CellId> CellIds => [.. Cells.Select(c => c.Cell)];

    public bool IsEmpty => Cells.Count == 0 && MarkStale.Count == 0;
}
