using System.Text;
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

    /// <summary>The outputs' text (<see cref="CellOutputText"/>), cut at <see cref="MaxOutputChars"/>.</summary>
    public static string? OutputText(IReadOnlyList<CellOutput> outputs)
    {
        if (outputs.Count == 0) return null;
        var text = new StringBuilder();
        foreach (var output in outputs)
        {
            var part = CellOutputText.Of(output);
            text.Append(output is StreamOutput ? part : part + "\n");
            if (text.Length > MaxOutputChars) break;
        }
        return text.Length > MaxOutputChars ? text.ToString(0, MaxOutputChars) + $"\n… (output cut at {MaxOutputChars} characters)" : text.ToString();
    }
}
