using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Sept.LanguageServices.Workspace;
using Sept.Notebooks.Cells;

namespace Sept.LanguageServices.Features;

/// <summary>Roslyn's completion at a position of a cell, with notebook names from other cells typed and traced
/// to the cell that declares them.</summary>
public static class CellCompletions
{
    public static async Task<CompletionResult?> GetAsync(NotebookSnapshot snapshot, CellId cell, int position, CancellationToken cancellationToken)
    {
        if (snapshot.DocumentOf(cell) is not { } document || CompletionService.GetService(document) is not { } service) return null;
        var list = await service.GetCompletionsAsync(document, position, cancellationToken: cancellationToken);
        var compilation = await document.Project.GetCompilationAsync(cancellationToken);
        var labels = list.ItemsList.Select(i => i.DisplayText).ToHashSet(StringComparer.Ordinal);
        var notebook = compilation is null ? [] : EarlierCellNames.Find(compilation, labels);

        var items = new List<CompletionEntry>(list.ItemsList.Count);
        foreach (var item in list.ItemsList)
        {
            var insert = item.Properties.GetValueOrDefault("InsertionText") ?? item.DisplayText;
            var named = notebook.GetValueOrDefault(item.DisplayText);
            items.Add(new CompletionEntry(
                item.DisplayTextPrefix + item.DisplayText + item.DisplayTextSuffix, insert, KindOf(item.Tags),
                named is not null ? EarlierCellNames.Describe(named) : NullIfEmpty(item.InlineDescription),
                item.SortText, item.FilterText, named is null ? null : EarlierCellNames.CellOf(named, snapshot)));
        }
        return new CompletionResult(list.Span.Start, list.Span.End, items);
    }

    static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    static string KindOf(ImmutableArray<string> tags)
    {
        foreach (var tag in tags)
        {
            switch (tag)
            {
                case "Class" or "Structure" or "Delegate" or "Module": return "class";
                case "Interface": return "interface";
                case "Enum": return "enum";
                case "EnumMember" or "Constant": return "constant";
                case "Method" or "ExtensionMethod": return "method";
                case "Property" or "Event": return "property";
                case "Field" or "Local" or "Parameter" or "RangeVariable": return "variable";
                case "Keyword" or "Intrinsic": return "keyword";
                case "Namespace": return "namespace";
                case "TypeParameter": return "type";
            }
        }
        return "text";
    }
}
