namespace Sept.Notebooks.Cells;

/// <summary>One cell of a project. Immutable: edits produce a new value with a higher <see cref="Version"/>.</summary>
public sealed record Cell(CellId Id, CellKind Kind, string Source, OrderKey Order, long Version, CellState State)
{
    public static Cell Create(CellKind kind, string source, OrderKey order) =>
        new(CellId.New(), kind, source, order, Version: 1, CellState.Idle);

    /// <summary>The cell with new source: one version higher and stale if it has run before, since its
    /// output no longer matches its code.</summary>
    public Cell WithSource(string source) => this with
    {
        Source = source,
        Version = Version + 1,
        State = State == CellState.Idle ? CellState.Idle : CellState.Stale,
    };
}
