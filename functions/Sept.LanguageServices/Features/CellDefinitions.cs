using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FindSymbols;
using Sept.LanguageServices.Workspace;
using Sept.Notebooks.Cells;

namespace Sept.LanguageServices.Features;

/// <summary>Go to definition: the cell (and span) that declares the symbol at a position. Library symbols have none.</summary>
public static class CellDefinitions
{
    public static async Task<DefinitionResult?> GetAsync(NotebookSnapshot snapshot, CellId cell, int position, CancellationToken cancellationToken)
    {
        if (snapshot.DocumentOf(cell) is not { } document) return null;
        var symbol = await SymbolFinder.FindSymbolAtPositionAsync(document, position, cancellationToken);
        var target = symbol is IMethodSymbol { ReducedFrom: { } reduced } ? reduced : symbol?.OriginalDefinition;
        foreach (var location in target?.Locations ?? [])
        {
            if (!location.IsInSource || snapshot.Solution.GetDocumentId(location.SourceTree) is not { } id
                || snapshot.CellOf(id) is not { } owner) continue;
            var text = await location.SourceTree!.GetTextAsync(cancellationToken);
            return new DefinitionResult(owner.ToString(), snapshot.NumberOf(owner), Ranges.Of(text, location.SourceSpan));
        }
        return null;
    }
}
