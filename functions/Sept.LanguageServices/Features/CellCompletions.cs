using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
        var members = await MembersAsync(document, list.Span.Start, cancellationToken);

        var items = new List<CompletionEntry>(list.ItemsList.Count);
        foreach (var item in list.ItemsList)
        {
            var insert = item.Properties.GetValueOrDefault("InsertionText") ?? item.DisplayText;
            var named = members.Count == 0 ? notebook.GetValueOrDefault(item.DisplayText) : null;
            var described = named ?? members.GetValueOrDefault(item.DisplayText);
            items.Add(new CompletionEntry(
                item.DisplayTextPrefix + item.DisplayText + item.DisplayTextSuffix, insert, KindOf(item.Tags),
                described is not null ? EarlierCellNames.Describe(described) : NullIfEmpty(item.InlineDescription),
                item.SortText, item.FilterText, named is null ? null : EarlierCellNames.CellOf(named, snapshot)));
        }
        return new CompletionResult(list.Span.Start, list.Span.End, items);
    }

    // After `x.`: the receiver's members (with extension methods) by name, one lookup for the whole list, so each
    // item can show its type.
    static async Task<Dictionary<string, ISymbol>> MembersAsync(Document document, int position, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken);
        var token = root?.FindToken(Math.Max(0, position - 1)) ?? default;
        if (!token.IsKind(SyntaxKind.DotToken) || token.Parent is not MemberAccessExpressionSyntax access) return [];
        var model = await document.GetSemanticModelAsync(cancellationToken);
        if (model is null) return [];
        var receiver = model.GetSymbolInfo(access.Expression, cancellationToken).Symbol as INamespaceOrTypeSymbol
            ?? model.GetTypeInfo(access.Expression, cancellationToken).Type;
        if (receiver is null) return [];
        var found = new Dictionary<string, ISymbol>(StringComparer.Ordinal);
        foreach (var member in model.LookupSymbols(position, receiver, includeReducedExtensionMethods: true))
            found.TryAdd(member.Name, member);
        return found;
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
