using System.Net;
using System.Text;
using System.Text.Json;
using Markdig;
using Sept.Functions.Storage;

namespace Sept.Functions.Publishing;

/// <summary>Cell outputs as static HTML, choosing a display's representation like the live UI
/// (web/src/state/outputs.ts: table, Vega-Lite, PNG, HTML, Markdown, text). Everything a cell produced is escaped or
/// sanitised; charts become a figure holding the spec as JSON, drawn by the export's own script.</summary>
public static class HtmlOutputs
{
    public const string TableMime = "application/vnd.sept.table+json";
    public const string VegaLiteMime = "application/vnd.vegalite.v5+json";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static string Escape(string text) => WebUtility.HtmlEncode(text);

    public static string Markdown(string markdown) => ExportSanitizer.Clean(Markdig.Markdown.ToHtml(markdown, Pipeline));

    /// <summary>One output; <paramref name="visualOnly"/> (the app view) leaves out stream text.</summary>
    public static string Render(CellOutput output, bool visualOnly) => output switch
    {
        StreamOutput s when !visualOnly => $"<pre class=\"stream stream-{(s.Name == "stderr" ? "stderr" : "stdout")}\">{Escape(s.Text)}</pre>{Truncated(s.Full)}",
        ErrorOutput e => $"<div class=\"error-output\"><strong>{Escape(e.Ename)}</strong>{(e.Line is { } line ? $" <span class=\"muted\">at line {line}</span>" : "")}<pre>{Escape(e.Message)}</pre></div>",
        DisplayOutput d => Display(d.Data) + Truncated(d.Full),
        _ => "",
    };

    private static string Display(IReadOnlyDictionary<string, JsonElement> data)
    {
        if (data.TryGetValue(TableMime, out var table) && table.ValueKind == JsonValueKind.Object && Table(table) is { } html) return html;
        if (data.TryGetValue(VegaLiteMime, out var spec) && spec.ValueKind == JsonValueKind.Object) return Chart(spec);
        if (data.TryGetValue("image/png", out var png) && png.ValueKind == JsonValueKind.String && Png(png.GetString()!) is { } img) return img;
        if (data.TryGetValue("text/html", out var h)) return $"<div class=\"html-output\">{ExportSanitizer.Clean(Text(h))}</div>";
        if (data.TryGetValue("text/markdown", out var md)) return $"<div class=\"markdown\">{Markdown(Text(md))}</div>";
        if (data.TryGetValue("text/plain", out var text)) return $"<pre class=\"stream\">{Escape(Text(text))}</pre>";
        return $"<p class=\"muted\">No static view for {Escape(string.Join(", ", data.Keys))}.</p>";
    }

    /// <summary>A chart: its spec as JSON (System.Text.Json escapes &lt;, so "&lt;/script&gt;" cannot end the element).</summary>
    public static string Chart(JsonElement spec) =>
        $"<figure class=\"chart\"><div class=\"chart-host\"></div><script type=\"application/json\">{JsonSerializer.Serialize(spec)}</script>"
        + "<figcaption class=\"chart-missing\">This chart draws when the export is opened in a browser.</figcaption></figure>";

    /// <summary>The table's first page (what the kernel sent), with how many rows there are in all.</summary>
    private static string? Table(JsonElement page)
    {
        if (!page.TryGetProperty("columns", out var columns) || columns.ValueKind != JsonValueKind.Array
            || !page.TryGetProperty("rows", out var rows) || rows.ValueKind != JsonValueKind.Array) return null;
        var html = new StringBuilder("<div class=\"table-output\"><table><thead><tr>");
        foreach (var column in columns.EnumerateArray())
            html.Append("<th>").Append(Escape(column.TryGetProperty("name", out var n) ? n.ToString() : column.ToString())).Append("</th>");
        html.Append("</tr></thead><tbody>");
        var shown = 0;
        foreach (var row in rows.EnumerateArray())
        {
            shown++;
            html.Append("<tr>");
            foreach (var value in row.ValueKind == JsonValueKind.Array ? row.EnumerateArray() : Enumerable.Empty<JsonElement>())
                html.Append(value.ValueKind == JsonValueKind.Number ? "<td class=\"num\">" : "<td>").Append(Escape(Value(value))).Append("</td>");
            html.Append("</tr>");
        }
        var total = page.TryGetProperty("totalRows", out var t) && t.TryGetInt64(out var count) ? count : shown;
        html.Append("</tbody></table><p class=\"muted table-count\">")
            .Append(total == 0 ? "No rows" : shown < total ? $"First {shown} of {total:N0} rows" : $"{total:N0} rows").Append("</p></div>");
        return html.ToString();
    }

    private static string? Png(string value)
    {
        var base64 = value.StartsWith("data:image/png;base64,", StringComparison.Ordinal) ? value["data:image/png;base64,".Length..] : value;
        return base64.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '=') ? $"<img class=\"image-output\" alt=\"Cell output image\" src=\"data:image/png;base64,{base64}\">" : null;
    }

    private static string Truncated(FullOutput? full) =>
        full is null ? "" : $"<p class=\"muted\">Output truncated ({full.Size:N0} bytes in all); the full output stays in Sept.</p>";

    /// <summary>A value as text: strings as they are, arrays (Jupyter-style line lists) joined.</summary>
    public static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Concat(value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "null",
        _ => value.GetRawText(),
    };
}
