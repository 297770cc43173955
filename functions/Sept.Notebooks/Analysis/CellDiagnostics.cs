using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Sept.Notebooks.Analysis;

/// <summary>Turns compiler diagnostics into cell diagnostics, leaving out "name not found" on the
/// free names: those are the cell's reads, which other cells provide.</summary>
static class CellDiagnostics
{
    static readonly HashSet<string> unresolvedNameIds = new(StringComparer.Ordinal) { "CS0103", "CS0246" };

    public static IReadOnlyList<CellDiagnostic> From(ImmutableArray<Diagnostic> diagnostics, IReadOnlyList<CellReference> free)
    {
        var freeSpans = free.Select(r => r.Span).ToHashSet();
        var result = new List<CellDiagnostic>();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity < DiagnosticSeverity.Warning) continue;
            if (unresolvedNameIds.Contains(diagnostic.Id) && freeSpans.Contains(diagnostic.Location.SourceSpan)) continue;
            var start = diagnostic.Location.GetLineSpan().StartLinePosition;
            result.Add(new CellDiagnostic(diagnostic.Id, diagnostic.GetMessage(), start.Line + 1, start.Character + 1,
                diagnostic.Severity == DiagnosticSeverity.Error));
        }
        return result;
    }
}
