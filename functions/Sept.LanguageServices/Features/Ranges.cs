using Microsoft.CodeAnalysis.Text;

namespace Sept.LanguageServices.Features;

static class Ranges
{
    public static TextRange Of(SourceText text, TextSpan span)
    {
        var lines = text.Lines.GetLinePositionSpan(span);
        return new TextRange(span.Start, span.End, lines.Start.Line + 1, lines.Start.Character + 1,
            lines.End.Line + 1, lines.End.Character + 1);
    }
}
