using System.Text.Json;
using Sept.Functions.Storage;

namespace Sept.Functions.Cells;

/// <summary>A cell output as plain text for a language model or an agent (Assistant/, Mcp/): streams and errors as
/// they read, a display as its plain text, else its Markdown, else the media types it holds.</summary>
public static class CellOutputText
{
    public static string Of(CellOutput output) => output switch
    {
        StreamOutput stream => stream.Text,
        ErrorOutput error => $"{error.Ename}: {error.Message}{(error.Line is { } line ? $" (line {line})" : "")}",
        DisplayOutput display => Display(display.Data),
        _ => "",
    };

    private static string Display(IReadOnlyDictionary<string, JsonElement> data)
    {
        foreach (var mime in (string[])["text/plain", "text/markdown"])
            if (data.TryGetValue(mime, out var value) && value.ValueKind == JsonValueKind.String) return value.GetString()!;
        return $"[{string.Join(", ", data.Keys)}]";
    }
}
