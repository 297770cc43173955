namespace Sept.Notebooks.Cells;

/// <summary>Identity of a cell. Printed as 32 lowercase hex digits (Guid "N"), which is also the
/// suffix the kernel gives the cell's renamed declarations.</summary>
public readonly record struct CellId(Guid Value)
{
    public static CellId New() => new(Guid.NewGuid());
    public static CellId Parse(string text) => new(Guid.Parse(text));
    public static bool TryParse(string? text, out CellId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new CellId(guid);
        return ok;
    }
    public override string ToString() => Value.ToString("N");
}

/// <summary>Identity of a project (notebook).</summary>
public readonly record struct ProjectId(Guid Value)
{
    public static ProjectId New() => new(Guid.NewGuid());
    public static ProjectId Parse(string text) => new(Guid.Parse(text));
    public static bool TryParse(string? text, out ProjectId id)
    {
        var ok = Guid.TryParse(text, out var guid);
        id = new ProjectId(guid);
        return ok;
    }
    public override string ToString() => Value.ToString("N");
}
