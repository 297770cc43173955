using System.Collections.Concurrent;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Graph;

namespace Sept.Notebooks.Tests;

/// <summary>
/// Hand-written cell symbols for graph tests: "B w=y r=x m=xs" is cell B writing y, reading x and mutating xs.
/// Cell names map to stable ids so expectations can name cells by letter.
/// </summary>
internal static class Notebook
{
    private static readonly ConcurrentDictionary<string, CellId> Ids = new();
    private static readonly ConcurrentDictionary<CellId, string> Letters = new();

    public static CellId Id(string name) => Ids.GetOrAdd(name, n =>
    {
        var id = CellId.New();
        Letters[id] = n;
        return id;
    });

    public static string Name(CellId id) => Letters.TryGetValue(id, out var name) ? name : id.ToString();

    public static (CellId Id, CellSymbols Symbols) Cell(string spec)
    {
        var parts = spec.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string[] Names(string prefix) =>
            [.. parts.Skip(1).Where(p => p.StartsWith(prefix, StringComparison.Ordinal))
                .SelectMany(p => p[prefix.Length..].Split(',', StringSplitOptions.RemoveEmptyEntries))];
        var mutations = Names("m=");
        // The analyzer reports a mutated name as read too (x.Add(..) reads x); mirror that.
        var symbols = new CellSymbols(
            Names("w=").ToHashSet(), Names("r=").Concat(mutations).ToHashSet(), mutations.ToHashSet(), []);
        return (Id(parts[0]), symbols);
    }

    public static List<(CellId Id, CellSymbols Symbols)> Cells(params string[] specs) => [.. specs.Select(Cell)];

    public static NotebookGraph GraphOf(params string[] specs) => NotebookGraph.Build(Cells(specs));

    public static string Names(IEnumerable<CellId> ids) => string.Join(" ", ids.Select(Name));

    /// <summary>"A->B:x" for definition edges, "A~>B:x" for mutation edges, sorted.</summary>
    public static string Edges(NotebookGraph graph) => string.Join(" ", graph.Edges
        .Select(e => $"{Name(e.From)}{(e.Kind == EdgeKind.Mutation ? "~>" : "->")}{Name(e.To)}:{e.Name}")
        .Order(StringComparer.Ordinal));
}
