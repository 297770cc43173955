using System.Text.Json;

namespace Sept.Kernel.Notebook;

/// <summary>Markdown shown rendered (text/html) with its source (text/markdown).</summary>
public sealed record MarkdownContent(string Text);

/// <summary>HTML shown as is (text/html).</summary>
public sealed record HtmlContent(string Html);

/// <summary>A Vega-Lite v5 specification (application/vnd.vegalite.v5+json).</summary>
public sealed record VegaLiteChart(JsonElement Spec)
{
    public override string ToString() =>
        Spec.TryGetProperty("mark", out var mark) ? $"Vega-Lite {mark.GetRawText().Trim('"')} chart" : "Vega-Lite chart";
}
