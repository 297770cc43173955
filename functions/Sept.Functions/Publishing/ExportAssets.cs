using Microsoft.Extensions.Options;
using Sept.Functions.Hosting;

namespace Sept.Functions.Publishing;

/// <summary>The chart libraries an export inlines (vega, vega-lite), copied into web/dist/export by the web build
/// (web/vite.config.ts). Without them (no built web UI) charts export as their data, with a note.</summary>
public sealed class ExportAssets(IOptions<SeptOptions> options)
{
    private readonly Lazy<string?> _charts = new(() => Load(options.Value.WebRoot));

    /// <summary>The scripts that draw charts, or null when the web build is absent.</summary>
    public string? ChartScripts => _charts.Value;

    private static string? Load(string? webRoot)
    {
        if (string.IsNullOrWhiteSpace(webRoot)) return null;
        var folder = Path.Combine(Path.GetFullPath(webRoot), "export");
        var files = new[] { "vega.min.js", "vega-lite.min.js" }.Select(f => Path.Combine(folder, f)).ToArray();
        if (!files.All(File.Exists)) return null;
        // "</script" cannot occur inside a script element; the minified bundles do not contain it, but be sure.
        return string.Join("\n", files.Select(f => $"<script>{Script(File.ReadAllText(f))}</script>"));
    }

    // No source map comment (the export has no maps to point at).
    private static string Script(string text)
    {
        var map = text.LastIndexOf("//# sourceMappingURL=", StringComparison.Ordinal);
        return (map >= 0 ? text[..map] : text).Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
    }
}
