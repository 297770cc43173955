using Microsoft.CodeAnalysis.CSharp;
using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Analysis;

/// <summary>Reads and writes of any cell, by kind: C# and SQL by their analyzers, Markdown by its {name}
/// interpolations, an input widget writes its name, a chart reads its data.</summary>
public static class CellAnalyzer
{
    /// <param name="knownNames">Names written by other cells, used to filter SQL table references (see SqlCellAnalyzer).</param>
    /// <param name="packageAssemblies">The project's restored package assemblies (C# cells bind their types).</param>
    public static CellSymbols Analyze(CellKind kind, string source, CellSettings settings, IReadOnlySet<string>? knownNames = null,
        IReadOnlyList<string>? packageAssemblies = null) =>
        kind switch
        {
            // Syntax errors only: type errors in isolation can be wrong (a free name has no type yet) and the
            // kernel reports the real ones when the cell runs; skipping them halves the cost of an edit.
            CellKind.Code => CSharpCellAnalyzer.Analyze(source, withSemanticDiagnostics: false, packageAssemblies).Symbols,
            CellKind.Sql => SqlCellAnalyzer.Analyze(source, settings.ResultName, knownNames).Symbols,
            CellKind.Markdown => MarkdownCellAnalyzer.Analyze(source).Symbols,
            CellKind.Input => Named(settings.InputName, "Input name", isWrite: true),
            CellKind.Chart => Named(settings.ChartData, "Chart data", isWrite: false),
            _ => CellSymbols.Empty,
        };

    static CellSymbols Named(string? name, string setting, bool isWrite)
    {
        if (string.IsNullOrWhiteSpace(name)) return CellSymbols.Empty;
        if (!IsValidName(name))
            return CellSymbols.Empty with
            {
                Diagnostics = [new CellDiagnostic("SETTING", $"{setting} '{name}' is not a valid C# identifier", 1, 1, IsError: true)],
            };
        var names = new HashSet<string>(StringComparer.Ordinal) { name };
        return isWrite
            ? CellSymbols.Empty with { Writes = names }
            : CellSymbols.Empty with { Reads = names };
    }

    static bool IsValidName(string name) =>
        SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None;
}
