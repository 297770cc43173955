using System.Collections.Concurrent;
using System.Text.Json;
using Sept.Functions.Storage;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Graph;

namespace Sept.Functions.Cells;

/// <summary>Analyses cells (reads, writes, diagnostics) and builds the project's dependency graph.
/// Symbols are cached per cell version, so one edit re-analyses one cell.</summary>
public sealed class NotebookAnalysis(ProjectPackages packages)
{
    private static readonly IReadOnlySet<string> NoNames = new HashSet<string>();

    private readonly ConcurrentDictionary<(CellId, long), CellSymbols> _symbols = new();
    // With the notebook's package assemblies, C# cells are analysed again so package types bind (per assembly set).
    private readonly ConcurrentDictionary<(CellId, long, string), CellSymbols> _withPackages = new();

    public AnalyzedNotebook Analyze(IReadOnlyList<CellRecord> cellsInOrder)
    {
        // SQL table names count as reads only when some cell defines them, so SQL cells are analysed last,
        // against the names the other cells write (cheap: SQL analysis is a tokenizer, not cached).
        var symbols = cellsInOrder.ToDictionary(c => c.Id, c => c.Kind == CellKind.Sql ? null : Symbols(c));
        if (packages.Assemblies(symbols.Values.OfType<CellSymbols>()) is { } assemblies)
            foreach (var cell in cellsInOrder.Where(c => c.Kind == CellKind.Code)) symbols[cell.Id] = Symbols(cell, assemblies);
        var known = symbols.Values.OfType<CellSymbols>().SelectMany(s => s.Writes)
            .Concat(cellsInOrder.Where(c => c.Kind == CellKind.Sql).Select(c => Settings(c.Config).ResultName).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        var ordered = cellsInOrder.Select(c => (c.Id, symbols[c.Id] ?? CellAnalyzer.Analyze(c.Kind, c.Source, Settings(c.Config),
            // A connection cell's tables live in the target database, not in the notebook.
            ConfigText(c.Config, "connection") is null ? known : NoNames))).ToList();
        return new AnalyzedNotebook(cellsInOrder, NotebookGraph.Build(ordered));
    }

    /// <summary>Drops a deleted cell's cached symbols (a restored cell comes back with its old id and version 1).</summary>
    public void Forget(CellId cellId)
    {
        foreach (var key in _symbols.Keys.Where(k => k.Item1 == cellId)) _symbols.TryRemove(key, out _);
        foreach (var key in _withPackages.Keys.Where(k => k.Item1 == cellId)) _withPackages.TryRemove(key, out _);
    }

    private CellSymbols Symbols(CellRecord cell, IReadOnlyList<string> assemblies)
    {
        var key = (cell.Id, cell.Version, string.Join('\n', assemblies));
        if (_withPackages.TryGetValue(key, out var cached)) return cached;
        foreach (var old in _withPackages.Keys.Where(k => k.Item1 == cell.Id)) _withPackages.TryRemove(old, out _);
        return _withPackages[key] = CellAnalyzer.Analyze(cell.Kind, cell.Source, Settings(cell.Config), packageAssemblies: assemblies);
    }

    private CellSymbols Symbols(CellRecord cell)
    {
        if (_symbols.TryGetValue((cell.Id, cell.Version), out var cached)) return cached;
        var symbols = CellAnalyzer.Analyze(cell.Kind, cell.Source, Settings(cell.Config));
        _symbols[(cell.Id, cell.Version)] = symbols;
        _symbols.TryRemove((cell.Id, cell.Version - 1), out _);
        return symbols;
    }

    private static CellSettings Settings(JsonElement? config) =>
        new(ConfigText(config, "resultName"), ConfigText(config, "name"), ConfigText(config, "data"));

    private static string? ConfigText(JsonElement? config, string property) =>
        config is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty(property, out var value)
            && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;
}
