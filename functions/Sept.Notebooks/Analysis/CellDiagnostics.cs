using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace Sept.Notebooks.Analysis;

/// <summary>Turns compiler diagnostics into cell diagnostics. Left out: "name not found" on the free names
/// (those are the reads other cells provide), errors that only follow from a free name's unknown type,
/// and directive support (#r, #load are the kernel's business).</summary>
static class CellDiagnostics
{
    static readonly HashSet<string> unresolvedNameIds = new(StringComparer.Ordinal) { "CS0103", "CS0246" };

    // Cannot infer the type of a deconstruction variable / discard / out var: happens when the source is free.
    static readonly HashSet<string> cascadeIds = new(StringComparer.Ordinal) { "CS8130", "CS8183", "CS8197" };

    static readonly HashSet<string> directiveIds = new(StringComparer.Ordinal) { "CS7099", "CS8099" };

    public static IReadOnlyList<CellDiagnostic> From(IEnumerable<Diagnostic> diagnostics, IReadOnlyList<CellReference> free)
    {
        var freeSpans = free.Select(r => r.Span).ToHashSet();
        var result = new List<CellDiagnostic>();
        foreach (var diagnostic in diagnostics)
        {
            if (diagnostic.Severity < DiagnosticSeverity.Warning || directiveIds.Contains(diagnostic.Id)) continue;
            var span = diagnostic.Location.SourceSpan;
            if (unresolvedNameIds.Contains(diagnostic.Id) && freeSpans.Contains(span)) continue;
            if (cascadeIds.Contains(diagnostic.Id) && StatementHasFreeName(diagnostic.Location, freeSpans)) continue;
            var start = diagnostic.Location.GetLineSpan().StartLinePosition;
            result.Add(new CellDiagnostic(diagnostic.Id, diagnostic.GetMessage(), start.Line + 1, start.Character + 1,
                diagnostic.Severity == DiagnosticSeverity.Error));
        }
        return result;
    }

    static bool StatementHasFreeName(Location location, HashSet<TextSpan> freeSpans)
    {
        var node = location.SourceTree?.GetRoot().FindNode(location.SourceSpan);
        var statement = node?.AncestorsAndSelf().FirstOrDefault(n => n is StatementSyntax or GlobalStatementSyntax);
        return statement is not null && freeSpans.Any(statement.Span.Contains);
    }
}
