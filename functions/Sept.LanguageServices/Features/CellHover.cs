using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FindSymbols;
using Microsoft.CodeAnalysis.QuickInfo;
using Sept.LanguageServices.Workspace;
using Sept.Notebooks.Cells;

namespace Sept.LanguageServices.Features;

/// <summary>Roslyn's quick info (signature, type, XML docs) at a position; a name from another cell also names that cell.</summary>
public static class CellHover
{
    public static async Task<HoverResult?> GetAsync(NotebookSnapshot snapshot, CellId cell, int position, CancellationToken cancellationToken)
    {
        if (snapshot.DocumentOf(cell) is not { } document || QuickInfoService.GetService(document) is not { } service) return null;
        var info = await service.GetQuickInfoAsync(document, position, cancellationToken);
        if (info is null) return null;
        var signature = info.Sections.FirstOrDefault(s => s.Kind == QuickInfoSectionKinds.Description)?.Text;
        if (string.IsNullOrWhiteSpace(signature)) return null;
        var docs = string.Join("\n", info.Sections
            .Where(s => s.Kind is not QuickInfoSectionKinds.Description && s.Text.Length > 0)
            .Select(s => s.Text));
        var symbol = await SymbolFinder.FindSymbolAtPositionAsync(document, position, cancellationToken);
        var defining = symbol is not null && NotebookSnapshot.CellOf(symbol) is { } owner && owner != cell
            ? EarlierCellNames.CellOf(symbol, snapshot)
            : null;
        var text = await document.GetTextAsync(cancellationToken);
        return new HoverResult(Ranges.Of(text, info.Span), signature, docs.Length > 0 ? docs : null, defining);
    }
}
