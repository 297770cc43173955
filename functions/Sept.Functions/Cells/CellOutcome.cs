namespace Sept.Functions.Cells;

/// <summary>What a cell command did.</summary>
public abstract record CellOutcome
{
    public sealed record Done(CellDto Cell) : CellOutcome;
    public sealed record NotFound(string Detail) : CellOutcome;
    /// <summary>The edit was based on an older version; <paramref name="Current"/> is the cell as stored.</summary>
    public sealed record Stale(CellDto Current) : CellOutcome;
    public sealed record Invalid(string Detail, int Status = StatusCodes.Status400BadRequest) : CellOutcome;
}
