using System.Xml.Linq;
using Microsoft.CodeAnalysis;

namespace Sept.LanguageServices.Features;

/// <summary>The plain text of a symbol's XML doc summary (or of one parameter's).</summary>
static class DocSummary
{
    public static string? Of(ISymbol symbol) => Element(symbol, "summary", null);

    public static string? ParameterOf(IMethodSymbol method, string parameter) => Element(method, "param", parameter);

    static string? Element(ISymbol symbol, string element, string? name)
    {
        var xml = symbol.GetDocumentationCommentXml(expandIncludes: false);
        if (string.IsNullOrWhiteSpace(xml)) return null;
        try
        {
            var found = XElement.Parse(xml).Elements(element)
                .FirstOrDefault(e => name is null || (string?)e.Attribute("name") == name);
            return found is null ? null : Text(found);
        }
        catch (System.Xml.XmlException)
        {
            return null;
        }
    }

    // <see cref="T:System.String"/> reads as "String"; whitespace is collapsed.
    static string? Text(XElement element)
    {
        var parts = element.Nodes().Select(node => node switch
        {
            XText text => text.Value,
            XElement { Name.LocalName: "see" or "seealso" } see =>
                ((string?)see.Attribute("cref"))?.Split('.', ':').Last() ?? (string?)see.Attribute("langword") ?? see.Value,
            XElement { Name.LocalName: "paramref" or "typeparamref" } reference => (string?)reference.Attribute("name") ?? "",
            XElement other => other.Value,
            _ => "",
        });
        var text = string.Join(" ", string.Concat(parts).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length == 0 ? null : text;
    }
}
