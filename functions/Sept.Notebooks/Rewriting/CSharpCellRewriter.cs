using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Rewriting;

/// <summary>Renames a cell's top-level values to cell-unique identifiers and its reads to the identifiers of the
/// cells they bind to, so a script chain gives each cell the value of its binding, not of the last cell run.
/// Types and using aliases keep their names (the latest definition wins). Only identifiers change, so every
/// line of the result matches the same line of the source.</summary>
public static class CSharpCellRewriter
{
    /// <param name="bindings">Each name the cell reads → the cell it binds to (its nearest earlier writer).
    /// A read without a binding is left as written, so the compiler reports it.</param>
    /// <param name="isType">Whether a bound name is a type (or alias) in the cell it binds to: types are not
    /// renamed. Without it, only reads in type-only positions (new T(), List&lt;T&gt;, x is T) are known to be types,
    /// so leave type names out of bindings (CellSymbols.TypeWrites, RewrittenCell.TypeNames).</param>
    public static RewrittenCell Rewrite(string source, CellId cell, IReadOnlyDictionary<string, CellId> bindings,
        Func<string, CellId, bool>? isType = null) =>
        Rewrite(CSharpCellAnalyzer.Analyze(source, withSemanticDiagnostics: false), cell, bindings, isType);

    public static RewrittenCell Rewrite(CSharpCellAnalysis analysis, CellId cell, IReadOnlyDictionary<string, CellId> bindings,
        Func<string, CellId, bool>? isType = null)
    {
        var root = analysis.Tree.GetRoot();
        var userNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var edits = new List<(TextSpan Span, string Text)>();

        string Rename(string name, CellId owner)
        {
            var unique = NotebookNames.Unique(name, owner);
            userNames[unique] = name;
            return unique;
        }

        foreach (var declaration in analysis.Declarations.Where(d => d.IsRenamed))
            edits.Add((declaration.Span, Rename(declaration.Name, cell)));
        foreach (var reference in analysis.OwnReferences)
            edits.Add(UseEdit(root, reference, Rename(reference.Name, cell)));
        foreach (var reference in analysis.FreeReferences.Concat(analysis.AmbientReferences))
            if (bindings.TryGetValue(reference.Name, out var owner) && isType?.Invoke(reference.Name, owner) != true
                && !IsTypeOnly(root, reference))
                edits.Add(UseEdit(root, reference, Rename(reference.Name, owner)));

        return new RewrittenCell(Apply(analysis.Tree.GetText().ToString(), edits), userNames) { TypeNames = analysis.TypeWrites };
    }

    // The replacement for one use; keeps the names that C# infers from a variable's name.
    static (TextSpan, string) UseEdit(SyntaxNode root, CellReference reference, string unique)
    {
        if (root.FindToken(reference.Span.Start).Parent is not SimpleNameSyntax name) return (reference.Span, unique);
        if (NamePositions.EnclosingNameof(name) is { } nameof)
            return (nameof.Span, SymbolDisplay.FormatLiteral(reference.Name, quote: true));
        if (NamePositions.IsAnonymousMemberProjection(name)) return (reference.Span, $"{reference.Name} = {unique}");
        if (NamePositions.IsInferredTupleElement(name)) return (reference.Span, $"{reference.Name}: {unique}");
        return (reference.Span, unique);
    }

    // List<Person>, new Person(), x is Person: only a type can stand there, and types keep their names.
    static bool IsTypeOnly(SyntaxNode root, CellReference reference) =>
        root.FindToken(reference.Span.Start).Parent is SimpleNameSyntax name
        && (SyntaxFacts.IsInTypeOnlyContext(name) || name.Parent is QualifiedNameSyntax || NamePositions.IsAttributeName(name));

    static string Apply(string source, List<(TextSpan Span, string Text)> edits)
    {
        var code = new StringBuilder(source);
        var limit = source.Length;
        foreach (var (span, text) in edits.OrderByDescending(e => e.Span.Start).ThenByDescending(e => e.Span.Length))
        {
            if (span.End > limit) continue; // inside an edit already made (nameof(x) replaced whole)
            code.Remove(span.Start, span.Length).Insert(span.Start, text);
            limit = span.Start;
        }
        return code.ToString();
    }
}
