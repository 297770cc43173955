using System.Text;
using System.Text.Json;
using Sept.Functions.Cells;
using Sept.Functions.Storage;

namespace Sept.Functions.Mcp;

/// <summary>A cell as MCP tools return it: what an agent needs to read a notebook, with outputs as text
/// (bounded, so one huge output does not fill the agent's context).</summary>
public sealed record McpCell(
    string Id, int Number, string Kind, string State, string Source, IReadOnlyList<string> Reads, IReadOnlyList<string> Writes,
    IReadOnlyList<string> Problems, string? Output, double? LastRunMs);

/// <summary>One line of a notebook listing: the first line of the source instead of all of it.</summary>
public sealed record McpCellSummary(
    string Id, int Number, string Kind, string State, string FirstLine, IReadOnlyList<string> Reads, IReadOnlyList<string> Writes, int ProblemCount);

public static class McpCells
{
    public const int MaxOutputChars = 8000;

    public static McpCell From(CellDto cell, int number) => new(
        cell.Id, number, cell.Kind, cell.State, cell.Source, cell.Reads, cell.Writes,
        [.. cell.Problems.Select(p => p.Line is { } line ? $"line {line}: {p.Message}" : p.Message)],
        OutputText(cell.Outputs), cell.LastRunMs);

    public static McpCellSummary Summary(CellDto cell, int number) => new(
        cell.Id, number, cell.Kind, cell.State, cell.Source.Split('\n', 2)[0].TrimEnd('\r'), cell.Reads, cell.Writes, cell.Problems.Count);

    /// <summary>Streams and errors as they read; a display as its plain text, else its Markdown, else its media type.</summary>
    public static string? OutputText(IReadOnlyList<CellOutput> outputs)
    {
        if (outputs.Count == 0) return null;
        var text = new StringBuilder();
        foreach (var output in outputs)
        {
            text.Append(output switch
            {
                StreamOutput stream => stream.Text,
                ErrorOutput error => $"{error.Ename}: {error.Message}{(error.Line is { } line ? $" (line {line})" : "")}\n",
                DisplayOutput display => Display(display.Data) + "\n",
                _ => "",
            });
            if (text.Length > MaxOutputChars) break;
        }
        return text.Length > MaxOutputChars ? text.ToString(0, MaxOutputChars) + $"\n… (output cut at {MaxOutputChars} characters)" : text.ToString();
    }

    private static string Display(IReadOnlyDictionary<string, JsonElement> data)
    {
        foreach (var mime in (string[])["text/plain", "text/markdown"])
            if (data.TryGetValue(mime, out var value) && value.ValueKind == JsonValueKind.String) return value.GetString()!;
        return $"[{string.Join(", ", data.Keys)}]";
    }
}
