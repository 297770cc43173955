namespace Sept.Notebooks.Analysis;

/// <summary>Reads of a Markdown cell: {name} interpolations outside code. Fenced code blocks (``` or ~~~),
/// inline code spans, escaped \{ and doubled {{ braces are text.</summary>
public static class MarkdownCellAnalyzer
{
    public static (CellSymbols Symbols, IReadOnlyList<Placeholder> Placeholders) Analyze(string markdown)
    {
        var placeholders = new List<Placeholder>();
        var position = 0;
        string? fence = null;
        while (position < markdown.Length)
        {
            var lineEnd = markdown.IndexOf('\n', position);
            if (lineEnd < 0) lineEnd = markdown.Length;
            var line = markdown.AsSpan(position, lineEnd - position);
            var marker = FenceMarker(line);
            if (fence is null && marker is not null) fence = marker;
            else if (fence is not null && marker is not null && marker[0] == fence[0] && marker.Length >= fence.Length
                     && line.Trim().TrimStart(marker[0]).IsEmpty) fence = null;
            else if (fence is null) position = ScanText(markdown, position, ParagraphEnd(markdown, position), placeholders);
            position = Math.Max(position, lineEnd + 1);
        }
        var reads = placeholders.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        return (new CellSymbols(new HashSet<string>(), reads, new HashSet<string>(), []), placeholders);
    }

    // ``` or ~~~ (three or more) after at most three spaces of indentation.
    static string? FenceMarker(ReadOnlySpan<char> line)
    {
        var indent = line.Length - line.TrimStart(' ').Length;
        if (indent > 3) return null;
        var rest = line[indent..];
        if (rest.Length < 3 || rest[0] is not ('`' or '~')) return null;
        var run = rest.Length - rest.TrimStart(rest[0]).Length;
        return run >= 3 ? new string(rest[0], run) : null;
    }

    // Text up to the next fence line: code spans may run across lines but not into a fence.
    static int ParagraphEnd(string markdown, int start)
    {
        var position = start;
        while (position < markdown.Length)
        {
            var lineEnd = markdown.IndexOf('\n', position);
            if (lineEnd < 0) return markdown.Length;
            if (FenceMarker(markdown.AsSpan(lineEnd + 1, NextLineLength(markdown, lineEnd + 1))) is not null) return lineEnd;
            position = lineEnd + 1;
        }
        return markdown.Length;
    }

    static int NextLineLength(string markdown, int start)
    {
        var end = markdown.IndexOf('\n', start);
        return (end < 0 ? markdown.Length : end) - start;
    }

    static int ScanText(string text, int start, int end, List<Placeholder> found)
    {
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (c == '\\') i += 2;
            else if (c == '`') i = SkipCodeSpan(text, i, end);
            else if (c == '{' && i + 1 < end && text[i + 1] == '{') i += 2;
            else if (c == '{' && Identifier(text, i + 1, end) is var close and > 0)
            {
                found.Add(new Placeholder(text[(i + 1)..close], i, close + 1 - i));
                i = close + 1;
            }
            else i++;
        }
        return end;
    }

    // A run of n backticks opens a code span closed by the next run of exactly n; unmatched, it is literal.
    static int SkipCodeSpan(string text, int open, int end)
    {
        var run = 0;
        while (open + run < end && text[open + run] == '`') run++;
        for (var i = open + run; i < end;)
        {
            if (text[i] != '`') { i++; continue; }
            var closing = 0;
            while (i + closing < end && text[i + closing] == '`') closing++;
            if (closing == run) return i + closing;
            i += closing;
        }
        return open + run;
    }

    // Index of the closing brace when {identifier} starts at start, else -1.
    static int Identifier(string text, int start, int end)
    {
        if (start >= end || !(char.IsLetter(text[start]) || text[start] == '_')) return -1;
        var i = start + 1;
        while (i < end && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
        return i < end && text[i] == '}' ? i : -1;
    }
}
