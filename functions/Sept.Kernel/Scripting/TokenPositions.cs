using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Sept.Kernel.Scripting;

/// <summary>Moves a position from the code a cached submission was compiled from to the cell's current code, which
/// differs from it only in comments and whitespace (Sept.Notebooks CodeEquivalence): same token, same offset in it.</summary>
internal static class TokenPositions
{
    private static readonly CSharpParseOptions ScriptParse = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script);

    /// <summary>1-based line and column in <paramref name="to"/> for a 1-based position in <paramref name="from"/>.</summary>
    public static (int Line, int Column) Relocate(string from, string to, int line, int column)
    {
        if (from == to) return (line, column);
        var source = SourceText.From(from);
        if (line < 1 || line > source.Lines.Count) return (line, column);
        var position = Math.Min(source.Lines[line - 1].Start + Math.Max(0, column - 1), from.Length);
        var before = Tokens(from);
        var after = Tokens(to);
        var index = before.FindIndex(t => t.Span.End > position);
        if (index < 0 || index >= after.Count || before.Count != after.Count) return (line, column);
        var target = after[index].SpanStart + Math.Max(0, position - before[index].SpanStart);
        var at = SourceText.From(to).Lines.GetLinePosition(Math.Min(target, to.Length));
        return (at.Line + 1, at.Character + 1);
    }

    private static List<SyntaxToken> Tokens(string code) =>
        [.. CSharpSyntaxTree.ParseText(code, ScriptParse).GetRoot().DescendantTokens()];
}
