using System.Globalization;
using System.Text;
using System.Text.Json;
using Sept.Functions.Cells;
using Sept.Functions.Projects;
using Sept.Functions.Storage;

namespace Sept.Functions.Publishing;

/// <summary>A project as one self-contained HTML file: its cells in order with their last outputs (tables' first
/// pages, charts drawn by inlined Vega, images as data: URLs), code shown or hidden, or the app view. A
/// Content-Security-Policy stops the file from loading anything from the network.</summary>
public sealed class HtmlExport(ExportAssets assets, TimeProvider clock)
{
    private const string Csp = "default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data:; font-src data:";

    public string Render(ProjectDto project, HtmlExportRequest request)
    {
        var cells = project.Cells ?? [];
        var blocks = cells.Select(c => Cell(c, request)).Where(b => b.Length > 0).ToList();
        var charts = blocks.Any(b => b.Contains("<figure class=\"chart\">", StringComparison.Ordinal));
        var scripts = charts ? assets.ChartScripts : null;
        var html = new StringBuilder();
        html.Append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append($"<meta http-equiv=\"Content-Security-Policy\" content=\"{Csp}\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<meta name=\"generator\" content=\"Sept\">")
            .Append($"<title>{HtmlOutputs.Escape(project.Name)}</title><style>{ExportStyles.Css}</style></head>\n<body>")
            .Append($"<header><h1>{HtmlOutputs.Escape(project.Name)}</h1><p class=\"muted\">")
            .Append(request.AppView ? "App view" : request.ShowCode ? "Notebook" : "Notebook, code hidden")
            .Append($" · exported from Sept on {clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC</p>");
        if (charts && scripts is null)
            html.Append("<p class=\"notice\">Charts are not drawn in this export: the server has no built web UI (web/dist) to take the chart library from.</p>");
        html.Append("</header>\n<main>\n");
        foreach (var block in blocks) html.Append(block).Append('\n');
        html.Append("</main>\n");
        if (scripts is not null) html.Append(scripts).Append("<script>").Append(ExportStyles.ChartScript).Append("</script>");
        return html.Append("</body></html>\n").ToString();
    }

    private static string Cell(CellDto cell, HtmlExportRequest request)
    {
        var body = new StringBuilder();
        switch (cell.Kind)
        {
            case "markdown":
                body.Append("<div class=\"markdown\">").Append(MarkdownHtml(cell)).Append("</div>");
                break;
            case "input":
                body.Append(Input(cell));
                break;
            case "chart":
                body.Append(cell.Outputs.Count == 0 ? "<p class=\"muted\">Chart not drawn yet (the cell has not run).</p>"
                    : string.Concat(cell.Outputs.Select(o => HtmlOutputs.Render(o, visualOnly: true))));
                break;
            default:
                if (request.ShowCode && !request.AppView)
                    body.Append($"<pre class=\"source\" data-language=\"{(cell.Kind == "sql" ? "sql" : "csharp")}\"><code>{HtmlOutputs.Escape(cell.Source)}</code></pre>");
                var visual = request.AppView ? cell.Outputs.Where(o => o is DisplayOutput or ErrorOutput) : cell.Outputs;
                foreach (var output in visual) body.Append(HtmlOutputs.Render(output, request.AppView));
                break;
        }
        if (body.Length == 0) return "";
        return $"<section class=\"cell cell-{cell.Kind}\" data-kind=\"{cell.Kind}\" data-state=\"{cell.State}\">{body}</section>";
    }

    /// <summary>The kernel's rendering when the cell ran ({name} filled in), else the source.</summary>
    private static string MarkdownHtml(CellDto cell)
    {
        if (cell.State == "success")
            foreach (var output in cell.Outputs.OfType<DisplayOutput>())
                if (output.Data.TryGetValue("text/markdown", out var md)) return HtmlOutputs.Markdown(HtmlOutputs.Text(md));
        return HtmlOutputs.Markdown(cell.Source);
    }

    private static string Input(CellDto cell)
    {
        var config = cell.Config is { ValueKind: JsonValueKind.Object } c ? c : default;
        var name = config.ValueKind == JsonValueKind.Object && config.TryGetProperty("name", out var n) ? n.ToString() : "input";
        var value = config.ValueKind == JsonValueKind.Object && config.TryGetProperty("value", out var v) ? HtmlOutputs.Text(v) : "";
        return $"<div class=\"input\"><span class=\"input-name\">{HtmlOutputs.Escape(name)}</span> = <span class=\"input-value\">{HtmlOutputs.Escape(value)}</span></div>";
    }
}
