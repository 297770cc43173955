using System.Text.RegularExpressions;

namespace Sept.Kernel.Scripting;

/// <summary>Maps per-cell renamed identifiers (<c>name__&lt;32 hex&gt;</c>) back to what the user wrote,
/// in messages, type names and positions.</summary>
public static partial class CellNames
{
    private const int SuffixLength = 34; // "__" + 32 hex digits

    [GeneratedRegex("__[0-9a-f]{32}(?![0-9A-Za-z])")]
    private static partial Regex Suffix();

    /// <summary>Removes every cell suffix from a text (error message, type name, ToString output).</summary>
    public static string Demangle(string text) =>
        text.Contains("__", StringComparison.Ordinal) ? Sept.Notebooks.Rewriting.NotebookNames.ToUserText(text) : text;

    /// <summary>The 0-based column in the user's line for a 0-based column in the rewritten line.
    /// Renaming only appends suffixes, so every suffix that ends before the column shifts it.</summary>
    public static int OriginalColumn(string rewrittenLine, int column)
    {
        var shift = 0;
        foreach (Match m in Suffix().Matches(rewrittenLine))
        {
            if (m.Index >= column) break;
            shift += Math.Min(SuffixLength, column - m.Index);
        }
        return column - shift;
    }
}
