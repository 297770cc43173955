using System.Text.Json;
using Markdig;
using Microsoft.Extensions.Options;
using Sept.Kernel.Notebook;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Formatting;

/// <summary>Turns a value into a MIME bundle: text, HTML, Markdown, Vega-Lite, PNG or a pageable table.</summary>
public sealed class DisplayFormatter(TableStore tables, IOptions<KernelOptions> options)
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    internal static readonly MarkdownPipeline Pipeline = BuildPipeline();

    public IReadOnlyDictionary<string, JsonElement> Format(object? value, string cellId) => value switch
    {
        null => Text("null"),
        HtmlContent html => new Dictionary<string, JsonElement> { [MimeTypes.Html] = JsonValues.String(html.Html) },
        MarkdownContent md => Markdown(md.Text),
        VegaLiteChart chart => new Dictionary<string, JsonElement>
        {
            [MimeTypes.VegaLite] = chart.Spec,
            [MimeTypes.Text] = JsonValues.String(chart.ToString()),
        },
        byte[] png when png.AsSpan().StartsWith(PngSignature) => new Dictionary<string, JsonElement>
        {
            [MimeTypes.Png] = JsonValues.String(Convert.ToBase64String(png)),
        },
        _ when JsonValues.IsScalar(value.GetType()) => Text(JsonValues.Text(value)),
        _ when DataFrameTable.Is(value) => Table(DataFrameTable.From(value, options.Value.MaxTableRows), cellId),
        _ when TableData.IsTable(value) => Table(TableData.From(value, options.Value.MaxTableRows), cellId),
        _ => Text(JsonValues.Text(value)),
    };

    public static IReadOnlyDictionary<string, JsonElement> Markdown(string markdown) => new Dictionary<string, JsonElement>
    {
        // Sanitised here, not only in the browser: exports and other clients get this HTML as it is.
        [MimeTypes.Html] = JsonValues.String(MarkdownSanitizer.Value.Sanitize(Markdig.Markdown.ToHtml(markdown, Pipeline))),
        [MimeTypes.Markdown] = JsonValues.String(markdown),
    };

    // Raw HTML in Markdown stays (tables, <details>, <br>), minus scripts, event handlers and javascript: URLs.
    // Lazy: AngleSharp loads only when a Markdown cell first runs, not at kernel start.
    private static readonly Lazy<Ganss.Xss.HtmlSanitizer> MarkdownSanitizer = new(() => new Ganss.Xss.HtmlSanitizer());

    // Generic attributes ({#id .class}) would swallow {name} text that did not bind to a value.
    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder().UseAdvancedExtensions();
        builder.Extensions.RemoveAll(e => e is Markdig.Extensions.GenericAttributes.GenericAttributesExtension);
        return builder.Build();
    }

    internal IReadOnlyDictionary<string, JsonElement> Table(TableData table, string cellId)
    {
        tables.Keep(cellId, table);
        var pageSize = options.Value.TablePageSize;
        return new Dictionary<string, JsonElement>
        {
            [MimeTypes.Table] = TableRenderer.Json(table, cellId, pageSize),
            [MimeTypes.Html] = JsonValues.String(TableRenderer.Html(table, pageSize)),
        };
    }

    private static Dictionary<string, JsonElement> Text(string text) => new() { [MimeTypes.Text] = JsonValues.String(text) };
}
