using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Sept.Notebooks.Analysis;

/// <summary>What a top-level declaration of a cell is. Values (variables, methods, properties, events)
/// are renamed per cell by the kernel; types and using aliases keep their names.</summary>
public enum DeclarationKind
{
    Variable,
    Method,
    Property,
    Event,
    Type,
    Alias,
}

/// <summary>One top-level declaration: its name and the span of its identifier in the cell source.</summary>
public sealed record CellDeclaration(string Name, TextSpan Span, DeclarationKind Kind)
{
    public bool IsRenamed => Kind is not (DeclarationKind.Type or DeclarationKind.Alias);
}

/// <summary>One use of a name in the cell source: the identifier's span (without generic arguments).</summary>
public sealed record CellReference(string Name, TextSpan Span);

/// <summary>The result of analysing one C# cell: its symbols plus the spans a rewriter needs.</summary>
/// <param name="Tree">The cell parsed as a script (kept so rewriters can look at the syntax around a span).</param>
/// <param name="Declarations">Identifiers of the cell's top-level declarations.</param>
/// <param name="OwnReferences">Uses of the cell's own top-level values (variables, methods, properties, events).</param>
/// <param name="FreeReferences">Uses of names the cell cannot bind on its own: what it reads from other cells.</param>
public sealed record CSharpCellAnalysis(
    CellSymbols Symbols,
    SyntaxTree Tree,
    IReadOnlyList<CellDeclaration> Declarations,
    IReadOnlyList<CellReference> OwnReferences,
    IReadOnlyList<CellReference> FreeReferences)
{
    /// <summary>Uses of names that bind to library types when the cell is compiled alone (see CellSymbols.AmbientReads).</summary>
    public IReadOnlyList<CellReference> AmbientReferences { get; init; } = [];

    /// <summary>Names written as values; the kernel gives these a cell-unique identifier.</summary>
    public IReadOnlySet<string> ValueWrites { get; } =
        Declarations.Where(d => d.IsRenamed).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Names written as types or using aliases; these keep their names in the kernel.</summary>
    public IReadOnlySet<string> TypeWrites { get; } =
        Declarations.Where(d => !d.IsRenamed).Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
}
