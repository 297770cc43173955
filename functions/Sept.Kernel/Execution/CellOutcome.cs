namespace Sept.Kernel.Execution;

/// <summary>How a cell run ended. Errors have already been sent as events by then.</summary>
internal enum CellOutcome
{
    Success,
    Error,
    Cancelled,
}
