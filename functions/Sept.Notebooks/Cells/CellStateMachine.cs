namespace Sept.Notebooks.Cells;

/// <summary>Outcome of asking a cell to change state.</summary>
public abstract record CellTransition(CellState From, CellState To)
{
    public sealed record Applied(CellState From, CellState To) : CellTransition(From, To);
    /// <summary>Already in that state: nothing to do, nothing to broadcast.</summary>
    public sealed record Unchanged(CellState State) : CellTransition(State, State);
    public sealed record Rejected(CellState From, CellState To, string Reason) : CellTransition(From, To);
}

/// <summary>
/// Which state changes a cell may make. Idle = never run (or kernel restarted), Queued = waiting in the
/// project's run queue, Running, Success/Error = finished, Stale = its output no longer matches its code or
/// its inputs (edited, upstream changed, or skipped because upstream failed).
/// Only a queued cell starts running and only a running cell finishes; any cell may go back to Idle when its
/// kernel restarts.
/// </summary>
public static class CellStateMachine
{
    private static readonly Dictionary<CellState, CellState[]> Allowed = new()
    {
        [CellState.Idle] = [CellState.Queued, CellState.Stale],
        // Queued -> Stale: skipped (upstream failed, run superseded or cancelled).
        [CellState.Queued] = [CellState.Running, CellState.Stale, CellState.Idle],
        // Running -> Stale: interrupted; -> Idle: kernel killed and restarted.
        [CellState.Running] = [CellState.Success, CellState.Error, CellState.Stale, CellState.Idle],
        [CellState.Success] = [CellState.Queued, CellState.Stale, CellState.Idle],
        [CellState.Error] = [CellState.Queued, CellState.Stale, CellState.Idle],
        [CellState.Stale] = [CellState.Queued, CellState.Idle],
    };

    public static bool CanTransition(CellState from, CellState to) =>
        from != to && Allowed.TryGetValue(from, out var targets) && targets.Contains(to);

    public static CellTransition Transition(CellState from, CellState to)
    {
        if (from == to) return new CellTransition.Unchanged(from);
        if (CanTransition(from, to)) return new CellTransition.Applied(from, to);
        return new CellTransition.Rejected(from, to, Explain(from, to));
    }

    private static string Explain(CellState from, CellState to) => to switch
    {
        CellState.Running => $"only a queued cell can start running (cell is {Name(from)})",
        CellState.Success or CellState.Error => $"only a running cell can finish (cell is {Name(from)})",
        _ => $"a {Name(from)} cell cannot become {Name(to)}",
    };

    private static string Name(CellState state) => state.ToString().ToLowerInvariant();
}
