namespace Sept.Notebooks.Analysis;

/// <summary>What one cell declares (writes) and uses from other cells (reads).
/// Mutations are names written elsewhere that this cell changes in place (x = ..., x++, x.Add(...)).</summary>
public sealed record CellSymbols(
    IReadOnlySet<string> Writes,
    IReadOnlySet<string> Reads,
    IReadOnlySet<string> Mutations,
    IReadOnlyList<CellDiagnostic> Diagnostics)
{
    public static CellSymbols Empty { get; } = new(
        new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), []);
}

/// <summary>A compiler or analysis message located inside the cell (1-based line and column).</summary>
public sealed record CellDiagnostic(string Id, string Message, int Line, int Column, bool IsError);
