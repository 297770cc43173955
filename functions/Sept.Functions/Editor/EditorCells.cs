using System.Text.Json;
using Microsoft.CodeAnalysis.CSharp;
using Sept.Functions.Storage;
using Sept.Kernel.Execution;
using Sept.LanguageServices.Workspace;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Editor;

/// <summary>Stored cells as the language services see them: C# by source, SQL results and input values as a
/// declaration of the type the kernel gives them.</summary>
public static class EditorCells
{
    const string SqlResultType = "global::Sept.Kernel.Notebook.SqlResult";

    public static IReadOnlyList<EditorCell> From(IReadOnlyList<CellRecord> cellsInOrder, bool hasHelpers) =>
        [.. cellsInOrder.Select(cell => cell.Kind switch
        {
            CellKind.Sql when Identifier(cell.Config, "resultName") is { } result =>
                new EditorCell(cell.Id, cell.Kind, cell.Source, result, hasHelpers ? SqlResultType : "object"),
            CellKind.Input when Identifier(cell.Config, "name") is { } name =>
                new EditorCell(cell.Id, cell.Kind, cell.Source, name, InputType(cell.Config)),
            _ => new EditorCell(cell.Id, cell.Kind, cell.Source),
        })];

    // The kernel's own conversion decides the type (a number input with "integer": true is a long).
    static string InputType(JsonElement? config) =>
        InputCellRunner.Convert(Text(config, "type"), Element(config, "value"),
            Element(config, "integer") is { ValueKind: JsonValueKind.True }).TypeName;

    static JsonElement? Element(JsonElement? config, string property) =>
        config is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty(property, out var value) ? value : null;

    static string? Text(JsonElement? config, string property) =>
        Element(config, property) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    // A name that is not an identifier defines nothing (the graph reports it on the cell).
    static string? Identifier(JsonElement? config, string property) =>
        Text(config, property) is { } name && SyntaxFacts.IsValidIdentifier(name) && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
            ? name
            : null;
}
