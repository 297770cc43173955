using System.Collections.Concurrent;
using System.Text.Json;
using Sept.Functions.Storage;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Graph;

namespace Sept.Functions.Cells;

/// <summary>Analyses cells (reads, writes, diagnostics) and builds the project's dependency graph.
/// Symbols are cached per cell version, so one edit re-analyses one cell.</summary>
public sealed class NotebookAnalysis
{
    private readonly ConcurrentDictionary<(CellId, long), CellSymbols> _symbols = new();

    public AnalyzedNotebook Analyze(IReadOnlyList<CellRecord> cellsInOrder)
    {
        var symbols = cellsInOrder.Select(c => (c.Id, Symbols(c))).ToList();
        return new AnalyzedNotebook(cellsInOrder, NotebookGraph.Build(symbols));
    }

    public CellSymbols Symbols(CellRecord cell) =>
        _symbols.GetOrAdd((cell.Id, cell.Version), _ => Analyze(cell.Kind, cell.Source, cell.Config));

    private static CellSymbols Analyze(CellKind kind, string source, JsonElement? config) => kind switch
    {
        CellKind.Code => CSharpCellAnalyzer.Analyze(source).Symbols,
        CellKind.Input => Declares(ConfigText(config, "name")),
        CellKind.Sql => Declares(ConfigText(config, "resultName")),
        CellKind.Chart => Uses(ConfigText(config, "data")),
        _ => CellSymbols.Empty,
    };

    private static CellSymbols Declares(string? name) => name is null ? CellSymbols.Empty
        : CellSymbols.Empty with { Writes = new HashSet<string>(StringComparer.Ordinal) { name } };

    private static CellSymbols Uses(string? name) => name is null ? CellSymbols.Empty
        : CellSymbols.Empty with { Reads = new HashSet<string>(StringComparer.Ordinal) { name } };

    private static string? ConfigText(JsonElement? config, string property) =>
        config is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}
