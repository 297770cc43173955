using System.Text.Json;
using Sept.Functions.Cells;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Exchange;

/// <summary>Reads nbformat 4 notebooks, including Polyglot Notebooks / .NET Interactive ones: the cell language comes
/// from metadata.sept.kind, else metadata.polyglot_notebook.kernelName or metadata.dotnet_interactive.language,
/// else a leading #!csharp / #!sql / #!markdown line, else the notebook's default kernel. Cells in languages Sept
/// cannot run (F#, PowerShell, JavaScript...) become markdown with a fenced code block, so nothing is lost.
/// Outputs are kept.</summary>
public static class IpynbImport
{
    public static ImportResult Read(string json, string fallbackName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            return ImportResult.Fail($"The notebook is not valid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            // 4 or 4.0; 4.5, 1e10 and text are not nbformat 4.
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("nbformat", out var format)
                || format.ValueKind != JsonValueKind.Number || !format.TryGetDouble(out var major) || major != 4)
                return ImportResult.Fail("Only nbformat 4 notebooks can be imported (the 'nbformat' field must be 4).");
            if (!root.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
                return ImportResult.Fail("The notebook has no 'cells' array.");
            var metadata = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            var defaultLanguage = DefaultLanguage(metadata);
            var name = Text(metadata, "sept", "name") ?? fallbackName;
            var reactive = !(metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("sept", out var s)
                && s.ValueKind == JsonValueKind.Object && s.TryGetProperty("reactive", out var r) && r.ValueKind == JsonValueKind.False);
            var imported = new List<NotebookFileCell>();
            foreach (var cell in cells.EnumerateArray())
            {
                if (cell.ValueKind != JsonValueKind.Object) return ImportResult.Fail("Every cell must be a JSON object.");
                imported.Add(ReadCell(cell, defaultLanguage) with { Id = Text(cell, "id") });
            }
            return new ImportResult(new NotebookFile(name, reactive, imported), null);
        }
    }

    private static NotebookFileCell ReadCell(JsonElement cell, string defaultLanguage)
    {
        var type = Text(cell, "cell_type") ?? "code";
        var source = JoinLines(cell.TryGetProperty("source", out var s) ? s : default);
        var metadata = cell.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        if (type != "code") return new NotebookFileCell(CellKind.Markdown, source, null, [], 0);

        var outputs = cell.TryGetProperty("outputs", out var o) && o.ValueKind == JsonValueKind.Array
            ? o.EnumerateArray().Select(ReadOutput).OfType<CellOutput>().ToList()
            : [];
        // A count that is not a whole number a cell could have had (1.5, 1e10, -3) is dropped, not a failure.
        var count = cell.TryGetProperty("execution_count", out var c) && c.ValueKind == JsonValueKind.Number
            && c.TryGetInt32(out var n) && n >= 0 ? n : 0;
        JsonElement? config = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("sept", out var sept)
            && sept.ValueKind == JsonValueKind.Object
            && sept.TryGetProperty("config", out var cfg) && cfg.ValueKind == JsonValueKind.Object ? cfg.Clone() : null;
        // Kind names only ("7" or "Code, Sql" are not kinds), like the API.
        if (Text(metadata, "sept", "kind") is { } septKind && CellMapping.TryParseKind(septKind.ToLowerInvariant(), out var kind))
            return new NotebookFileCell(kind, source, config, outputs, count);

        var language = Text(metadata, "polyglot_notebook", "kernelName") ?? Text(metadata, "dotnet_interactive", "language");
        var (magic, body) = Magic(source);
        language = magic ?? language ?? defaultLanguage;
        source = magic is null ? source : body;
        return Language(language) switch
        {
            CellKind.Code => new NotebookFileCell(CellKind.Code, source, null, outputs, count),
            CellKind.Sql => new NotebookFileCell(CellKind.Sql, source, null, outputs, count),
            CellKind.Markdown when language is "markdown" or "md" => new NotebookFileCell(CellKind.Markdown, source, null, [], 0),
            _ => new NotebookFileCell(CellKind.Markdown, $"```{language}\n{source.TrimEnd('\n')}\n```\n", null, [], 0),
        };
    }

    private static CellKind Language(string language) => language.ToLowerInvariant() switch
    {
        "csharp" or "c#" or "cs" or ".net-csharp" => CellKind.Code,
        "sql" or "duckdb" => CellKind.Sql,
        _ => CellKind.Markdown,
    };

    // "#!csharp" (or "#!c#", "#!sql", "#!markdown") on the first line picks the language and is dropped.
    private static (string? Language, string Body) Magic(string source)
    {
        if (!source.StartsWith("#!", StringComparison.Ordinal)) return (null, source);
        var end = source.IndexOf('\n');
        var first = (end < 0 ? source : source[..end]).Trim();
        var word = first[2..].Split(' ', 2)[0];
        if (word is not ("csharp" or "c#" or "sql" or "markdown" or "fsharp" or "f#" or "pwsh" or "powershell" or "javascript" or "js" or "html" or "mermaid" or "kql"))
            return (null, source);
        return (word, end < 0 ? "" : source[(end + 1)..]);
    }

    private static string DefaultLanguage(JsonElement metadata) =>
        Text(metadata, "polyglot_notebook", "kernelInfo", "defaultKernelName")
        ?? Text(metadata, "kernelspec", "language")
        ?? "csharp";

    private static CellOutput? ReadOutput(JsonElement output)
    {
        if (output.ValueKind != JsonValueKind.Object) return null;
        switch (Text(output, "output_type"))
        {
            case "stream":
                return new StreamOutput(Text(output, "name") ?? "stdout", JoinLines(output.TryGetProperty("text", out var t) ? t : default));
            case "display_data" or "execute_result":
                if (!output.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object) return null;
                // Text MIME values may be lists of lines; keep the JSON ones as they are.
                return new DisplayOutput(data.EnumerateObject().ToDictionary(
                    p => p.Name,
                    p => p.Value.ValueKind == JsonValueKind.Array && !p.Name.EndsWith("json", StringComparison.Ordinal)
                        ? JsonSerializer.SerializeToElement(JoinLines(p.Value))
                        : p.Value.Clone()));
            case "error":
                return new ErrorOutput(Text(output, "ename") ?? "Error", Text(output, "evalue") ?? "");
            default:
                return null;
        }
    }

    private static string JoinLines(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Concat(value.EnumerateArray().Where(l => l.ValueKind == JsonValueKind.String).Select(l => l.GetString())),
        _ => "",
    };

    private static string? Text(JsonElement element, params string[] path)
    {
        foreach (var name in path)
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out element)) return null;
        }
        return element.ValueKind == JsonValueKind.String ? element.GetString() : null;
    }
}
