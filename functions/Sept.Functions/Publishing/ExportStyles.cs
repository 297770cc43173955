namespace Sept.Functions.Publishing;

/// <summary>The export's inline style sheet (screen and print) and the script that draws its charts.</summary>
internal static class ExportStyles
{
    public const string Css = """
        :root { color-scheme: light; --muted: #6b6a65; --line: #e4e2dc; --accent: #3b5bdb; }
        * { box-sizing: border-box; }
        body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1f1e1c; margin: 0 auto; max-width: 960px; padding: 24px; }
        header h1 { margin: 0 0 4px; font-size: 26px; }
        .muted { color: var(--muted); }
        .notice { border: 1px solid #e0b400; background: #fff8db; padding: 6px 10px; border-radius: 6px; }
        .cell { margin: 18px 0; break-inside: avoid-page; }
        pre { white-space: pre-wrap; word-break: break-word; margin: 6px 0; }
        pre.source { background: #f6f5f1; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; font: 13px/1.45 ui-monospace, "Cascadia Code", monospace; }
        pre.stream { font: 13px/1.45 ui-monospace, monospace; }
        .stream-stderr { color: #a4262c; }
        .error-output { border-left: 3px solid #a4262c; padding: 4px 10px; color: #a4262c; }
        .table-output { overflow-x: auto; }
        table { border-collapse: collapse; font-size: 13px; }
        th, td { border-bottom: 1px solid var(--line); padding: 4px 10px; text-align: left; }
        td.num { text-align: right; font-variant-numeric: tabular-nums; }
        .table-count { font-size: 12px; margin: 4px 0; }
        .input { font: 14px ui-monospace, monospace; padding: 6px 10px; border: 1px dashed var(--line); border-radius: 6px; display: inline-block; }
        .input-name { font-weight: 600; }
        figure.chart { margin: 8px 0; }
        figure.chart[data-rendered] .chart-missing { display: none; }
        .chart-missing { font-size: 12px; color: var(--muted); }
        .image-output { max-width: 100%; }
        @media print { body { padding: 0; max-width: none; } a { color: inherit; } }
        """;

    /// <summary>Draws each chart figure's Vega-Lite spec as SVG; marks the figure data-rendered (or data-error).</summary>
    public const string ChartScript = """
        (function () {
          document.querySelectorAll("figure.chart").forEach(function (figure) {
            try {
              var spec = JSON.parse(figure.querySelector('script[type="application/json"]').textContent);
              var view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "svg", container: figure.querySelector(".chart-host") });
              view.runAsync().then(function () { figure.setAttribute("data-rendered", "true"); },
                function (e) { figure.setAttribute("data-error", String(e)); });
            } catch (e) { figure.setAttribute("data-error", String(e)); }
          });
        })();
        """;
}
