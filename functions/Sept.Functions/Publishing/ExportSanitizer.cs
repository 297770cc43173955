using Ganss.Xss;

namespace Sept.Functions.Publishing;

/// <summary>Cleans HTML that cells produced (Markdown, html displays) before it goes into an export, as the live UI
/// does with DOMPurify (web/src/views/outputs/sanitize.ts): no scripts, event handlers, frames, forms or
/// javascript: URLs. Links may be http(s) or mailto; images only data: (an export loads nothing from the network).</summary>
public static class ExportSanitizer
{
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string Clean(string html) => Sanitizer.Sanitize(html);

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "data" }) sanitizer.AllowedSchemes.Add(scheme);
        sanitizer.AllowDataAttributes = false;
        sanitizer.FilterUrl += (_, e) =>
        {
            // data: only for images, never for links (a data: link can carry a whole page with script).
            if (e.OriginalUrl.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                && !(e.Tag.TagName.Equals("IMG", StringComparison.OrdinalIgnoreCase) && IsImageData(e.OriginalUrl)))
                e.SanitizedUrl = null;
            else if (e.Tag.TagName.Equals("IMG", StringComparison.OrdinalIgnoreCase) && !IsImageData(e.OriginalUrl))
                e.SanitizedUrl = null;
        };
        return sanitizer;
    }

    private static bool IsImageData(string url)
    {
        var u = url.TrimStart();
        return u.StartsWith("data:image/png", StringComparison.OrdinalIgnoreCase) || u.StartsWith("data:image/jpeg", StringComparison.OrdinalIgnoreCase)
            || u.StartsWith("data:image/gif", StringComparison.OrdinalIgnoreCase) || u.StartsWith("data:image/webp", StringComparison.OrdinalIgnoreCase);
    }
}
