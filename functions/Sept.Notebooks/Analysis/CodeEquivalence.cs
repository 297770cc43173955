using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Analysis;

/// <summary>Whether two versions of a cell differ only in comments and whitespace. Such an edit changes nothing a
/// run computes: the app does not mark the cell or its dependents stale, and the kernel keeps the compiled code.</summary>
public static class CodeEquivalence
{
    private const char Separator = '\u001f';
    private static readonly CSharpParseOptions ScriptParse = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script);

    /// <summary>The C# code without comments and whitespace: its tokens, and every directive (<c>#r</c>, <c>#if</c>)
    /// and disabled or skipped text, since those change what compiles.</summary>
    public static string CSharpKey(string code)
    {
        var key = new StringBuilder(code.Length);
        foreach (var token in CSharpSyntaxTree.ParseText(code, ScriptParse).GetRoot().DescendantTokens(descendIntoTrivia: false))
        {
            Meaningful(token.LeadingTrivia, key);
            key.Append(token.Text).Append(Separator);
            Meaningful(token.TrailingTrivia, key);
        }
        return key.ToString();
    }

    /// <summary>True when the edit from <paramref name="before"/> to <paramref name="after"/> changes only comments
    /// or whitespace of a C# or SQL cell. Other kinds compare exactly (Markdown text is the output).</summary>
    public static bool SameCode(CellKind kind, string before, string after) =>
        before == after || kind switch
        {
            CellKind.Code => CSharpKey(before) == CSharpKey(after),
            CellKind.Sql => SqlKey(before) is { } b && SqlKey(after) is { } a && a == b,
            _ => false,
        };

    private static string? SqlKey(string sql)
    {
        var (tokens, problems) = SqlTokenizer.Tokenize(sql);
        return problems.Count > 0 ? null : string.Join(Separator, tokens.Select(t => t.Text));
    }

    private static void Meaningful(SyntaxTriviaList trivia, StringBuilder key)
    {
        foreach (var t in trivia)
        {
            if (t.Kind() is SyntaxKind.WhitespaceTrivia or SyntaxKind.EndOfLineTrivia or SyntaxKind.SingleLineCommentTrivia
                or SyntaxKind.MultiLineCommentTrivia or SyntaxKind.SingleLineDocumentationCommentTrivia
                or SyntaxKind.MultiLineDocumentationCommentTrivia) continue;
            key.Append(t.ToFullString().Trim()).Append(Separator);
        }
    }
}
