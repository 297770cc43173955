using Sept.Notebooks.Cells;

namespace Sept.LanguageServices.Workspace;

/// <summary>What the language services need of a cell: C# cells by their source; other kinds only by the one
/// name they define (a SQL result, an input value) and its C# type, declared as a stub so C# cells see it.</summary>
/// <param name="DefinedName">SQL: the result name; input: the value's name; null for other kinds.</param>
/// <param name="DefinedType">The C# type of <paramref name="DefinedName"/> (what the kernel declares it as).</param>
public sealed record EditorCell(CellId Id, CellKind Kind, string Source, string? DefinedName = null, string? DefinedType = null)
{
    /// <summary>The text of the cell's document, or null when the cell gives C# nothing (Markdown, charts).</summary>
    public string? DocumentText => Kind switch
    {
        CellKind.Code => Source,
        _ when DefinedName is not null && DefinedType is not null => $"{DefinedType} {DefinedName} = default;",
        _ => null,
    };
}
