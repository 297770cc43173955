namespace Sept.Notebooks.Analysis;

/// <summary>What one cell declares (writes) and uses from other cells (reads).
/// Mutations are names written elsewhere that this cell changes in place (x = ..., x++, x.Add(...)).</summary>
public sealed record CellSymbols(
    IReadOnlySet<string> Writes,
    IReadOnlySet<string> Reads,
    IReadOnlySet<string> Mutations,
    IReadOnlyList<CellDiagnostic> Diagnostics)
{
    /// <summary>The subset of Writes that are types or using aliases. The kernel renames every other
    /// written name per cell (see Rewriting/), so bindings for these names must not be renamed.</summary>
    public IReadOnlySet<string> TypeWrites { get; init; } = new HashSet<string>();

    /// <summary>Names the cell uses that bind to a library type when compiled alone (Math, Range, Task, List...).
    /// In the kernel a cell above that writes the same name wins (submission members come before usings), so
    /// bind these when such a writer exists, and otherwise ignore them (never report them as unbound).</summary>
    public IReadOnlySet<string> AmbientReads { get; init; } = new HashSet<string>();

    /// <summary>The cell's #r/#i directives; the notebook's package set is their union over its cells
    /// (<see cref="CellDirectives.Union"/>).</summary>
    public IReadOnlyList<CellDirective> Directives { get; init; } = [];

    /// <summary>Ids (lower case, as in the packages folder) of the restored packages whose namespaces or types the
    /// cell uses; the graph binds each to the cell whose directive loads it (<see cref="Analysis.PackageUses"/>).</summary>
    public IReadOnlySet<string> PackageUses { get; init; } = new HashSet<string>();

    public static CellSymbols Empty { get; } = new(
        new HashSet<string>(), new HashSet<string>(), new HashSet<string>(), []);
}

/// <summary>A compiler or analysis message located inside the cell (1-based line and column).</summary>
public sealed record CellDiagnostic(string Id, string Message, int Line, int Column, bool IsError);
