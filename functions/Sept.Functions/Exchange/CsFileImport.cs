using System.Text;
using System.Text.Json;
using Sept.Functions.Cells;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Exchange;

/// <summary>Reads a .cs file written by <see cref="CsFileExport"/> back into cells (moved usings and types are put
/// back, <c>Display(expr);</c> becomes <c>expr</c> again). A .cs file without Sept markers becomes one C# cell.</summary>
public static class CsFileImport
{
    private const string CellMarker = "// #region sept:cell ";
    private const string End = "// #endregion";

    public static ImportResult Read(string text, string fallbackName)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var types = MovedTypes(lines);
        var name = fallbackName;
        var reactive = true;
        var cells = new List<NotebookFileCell>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith("// sept:notebook ", StringComparison.Ordinal))
            {
                var header = lines[i]["// sept:notebook ".Length..];
                reactive = !header.Contains("reactive=false", StringComparison.Ordinal);
                var at = header.IndexOf("name=", StringComparison.Ordinal);
                if (at >= 0) name = header[(at + 5)..].Trim();
            }
            if (!lines[i].StartsWith(CellMarker, StringComparison.Ordinal)) continue;
            var attributes = Attributes(lines[i][CellMarker.Length..]);
            var body = new List<string>();
            for (i++; i < lines.Length && lines[i] != End; i++) body.Add(lines[i]);
            if (!CellMapping.TryParseKind(attributes.GetValueOrDefault("kind")?.ToLowerInvariant(), out var kind))
                return ImportResult.Fail($"Unknown cell kind '{attributes.GetValueOrDefault("kind")}' in a sept:cell marker.");
            JsonElement? config = null;
            if (attributes.TryGetValue("config", out var json))
            {
                try
                {
                    config = JsonDocument.Parse(json).RootElement.Clone();
                }
                catch (JsonException e)
                {
                    return ImportResult.Fail($"A sept:cell marker has invalid config JSON: {e.Message}");
                }
            }
            var id = attributes.GetValueOrDefault("id");
            var source = kind switch
            {
                CellKind.Code => Code(body, id ?? "", types, attributes.ContainsKey("display")),
                CellKind.Markdown => string.Join("\n", body.Select(l => l.StartsWith("// ", StringComparison.Ordinal) ? l[3..] : l.TrimStart('/'))),
                CellKind.Sql => Sql(body),
                _ => string.Join("\n", body.Where(l => l.StartsWith("// sept:source ", StringComparison.Ordinal)).Select(l => l["// sept:source ".Length..])),
            };
            cells.Add(new NotebookFileCell(kind, source, config, [], 0, id));
        }
        if (cells.Count == 0)
        {
            // A file-based app's #:package Name@Version lines are the cell's package directives.
            var packages = lines.Where(l => l.StartsWith("#:package ", StringComparison.Ordinal))
                .Select(l => l["#:package ".Length..].Trim().Split('@', 2))
                .Select(p => p.Length == 2 && p[1] != "*" ? $"#r \"nuget: {p[0]}, {p[1]}\"\n" : $"#r \"nuget: {p[0]}\"\n");
            var plain = string.Concat(packages) + string.Join("\n", lines.Where(l => !l.StartsWith("#!", StringComparison.Ordinal) && !l.StartsWith("#:", StringComparison.Ordinal))).Trim();
            cells.Add(new NotebookFileCell(CellKind.Code, plain, null, [], 0));
        }
        return new ImportResult(new NotebookFile(name, reactive, cells), null);
    }

    private static string Code(List<string> body, string id, Dictionary<(string, string), string> types, bool display)
    {
        var restored = body.Select(line =>
        {
            var trimmed = line.TrimStart();
            if (trimmed.StartsWith("// sept:using ", StringComparison.Ordinal)) return line[..^trimmed.Length] + trimmed["// sept:using ".Length..];
            if (trimmed.StartsWith("// sept:directive ", StringComparison.Ordinal)) return line[..^trimmed.Length] + trimmed["// sept:directive ".Length..];
            if (trimmed.StartsWith("// sept:type ", StringComparison.Ordinal)
                && types.TryGetValue((id, trimmed["// sept:type ".Length..].Trim()), out var type))
                return line[..^trimmed.Length] + type;
            return line;
        }).ToList();
        var text = string.Join("\n", restored);
        if (!display) return text;
        var start = text.LastIndexOf("Display(", StringComparison.Ordinal);
        var end = text.LastIndexOf(");", StringComparison.Ordinal);
        return start >= 0 && end > start ? string.Concat(text.AsSpan(0, start), text.AsSpan(start + 8, end - start - 8), text.AsSpan(end + 2)) : text;
    }

    private static string Sql(List<string> body)
    {
        var open = body.FindIndex(l => l.TrimEnd().EndsWith("\"\"\"", StringComparison.Ordinal));
        var close = body.FindLastIndex(l => l.TrimStart().StartsWith("\"\"\"", StringComparison.Ordinal));
        return open >= 0 && close > open ? string.Join("\n", body.Skip(open + 1).Take(close - open - 1)) : string.Join("\n", body);
    }

    // "// sept:type {cellId} {n}" headers in the types region, each followed by the type's text.
    private static Dictionary<(string, string), string> MovedTypes(string[] lines)
    {
        var types = new Dictionary<(string, string), string>();
        var start = Array.IndexOf(lines, "// #region sept:types");
        if (start < 0) return types;
        (string, string)? current = null;
        var text = new StringBuilder();
        for (var i = start + 1; i < lines.Length && lines[i] != End; i++)
        {
            if (lines[i].StartsWith("// sept:type ", StringComparison.Ordinal))
            {
                if (current is { } key) types[key] = text.ToString().TrimEnd('\n');
                var parts = lines[i]["// sept:type ".Length..].Split(' ');
                current = (parts[0], parts.Length > 1 ? parts[1] : "0");
                text.Clear();
                continue;
            }
            text.Append(lines[i]).Append('\n');
        }
        if (current is { } last) types[last] = text.ToString().TrimEnd('\n');
        return types;
    }

    // kind=code id=abc display=true config={...}: config is last and runs to the end of the line.
    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        var configAt = text.IndexOf("config=", StringComparison.Ordinal);
        if (configAt >= 0)
        {
            attributes["config"] = text[(configAt + 7)..];
            text = text[..configAt];
        }
        foreach (var part in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            if (eq > 0) attributes[part[..eq]] = part[(eq + 1)..];
        }
        return attributes;
    }
}
