using System.Text;
using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Rewriting;

/// <summary>Cell-unique identifiers: <c>name__&lt;cell id as 32 hex&gt;</c>. The kernel declares each cell's values
/// under these names so every cell's value lives on in the script chain beside the others.</summary>
public static class NotebookNames
{
    const string Separator = "__";
    const int IdLength = 32;

    public static string Unique(string name, CellId cell) => name + Separator + cell;

    /// <summary>Splits a unique identifier back into the user's name and the cell that declared it.</summary>
    public static bool TryParseUnique(string identifier, out string name, out CellId cell)
    {
        name = identifier;
        cell = default;
        var split = identifier.Length - IdLength - Separator.Length;
        if (split < 1 || string.CompareOrdinal(identifier, split, Separator, 0, Separator.Length) != 0) return false;
        var hex = identifier.AsSpan(split + Separator.Length);
        if (!IsLowerHex(hex) || !Guid.TryParseExact(hex, "N", out var guid)) return false;
        name = identifier[..split];
        cell = new CellId(guid);
        return true;
    }

    /// <summary>Replaces every unique identifier inside a text (a compiler message, a type display) by the user's name.</summary>
    public static string ToUserText(string text)
    {
        var result = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!IsIdentifierChar(text[i]) || (i > 0 && IsIdentifierChar(text[i - 1])))
            {
                result.Append(text[i++]);
                continue;
            }
            var end = i;
            while (end < text.Length && IsIdentifierChar(text[end])) end++;
            var word = text[i..end];
            result.Append(TryParseUnique(word, out var name, out _) ? name : word);
            i = end;
        }
        return result.ToString();
    }

    static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
            if (c is not (>= '0' and <= '9' or >= 'a' and <= 'f')) return false;
        return true;
    }
}
