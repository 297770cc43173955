namespace Sept.Notebooks.Cells;

public enum CellState
{
    Idle,
    Queued,
    Running,
    Success,
    Error,
    Stale,
}
