using System.Text.Json;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Sept.Notebooks.Cells;

namespace Sept.Functions.History;

/// <summary>Compares a version's cells with the current ones. A cell counts as moved when it is not part of the
/// longest sequence of shared cells that keeps its relative order (so adding or removing neighbours moves nothing).</summary>
public static class VersionDiff
{
    public static VersionDiffDto Compare(IReadOnlyList<VersionCell> before, IReadOnlyList<VersionCell> after)
    {
        var old = before.ToDictionary(c => c.Id);
        var now = after.ToDictionary(c => c.Id);
        var inPlace = InOrder([.. before.Where(c => now.ContainsKey(c.Id)).Select(c => c.Id)],
            [.. after.Where(c => old.ContainsKey(c.Id)).Select(c => c.Id)]);
        var entries = new List<(OrderKey Order, CellDiffDto Diff)>();
        foreach (var cell in after)
        {
            if (!old.TryGetValue(cell.Id, out var was))
            {
                entries.Add((cell.Order, Entry(cell.Id, CellChange.Added, cell.Kind, null, cell)));
                continue;
            }
            var change = !SameContent(was, cell) ? CellChange.Changed
                : inPlace.Contains(cell.Id) ? CellChange.Unchanged : CellChange.Moved;
            var lines = change == CellChange.Changed && was.Source != cell.Source ? Lines(was.Source, cell.Source) : null;
            entries.Add((cell.Order, Entry(cell.Id, change, cell.Kind, was, cell) with { Lines = lines }));
        }
        foreach (var cell in before.Where(c => !now.ContainsKey(c.Id)))
            entries.Add((cell.Order, Entry(cell.Id, CellChange.Removed, cell.Kind, cell, null)));
        // Removed cells sit where they were: order keys of both sides share one space.
        return new VersionDiffDto([.. entries.OrderBy(e => e.Order).ThenBy(e => e.Diff.CellId, StringComparer.Ordinal).Select(e => e.Diff)]);
    }

    public static bool SameContent(VersionCell a, VersionCell b) =>
        a.Kind == b.Kind && a.Source == b.Source && (a.Config, b.Config) switch
        {
            (null, null) => true,
            ({ } x, { } y) => JsonElement.DeepEquals(x, y),
            _ => false,
        };

    private static CellDiffDto Entry(CellId id, CellChange change, CellKind kind, VersionCell? before, VersionCell? after) =>
        new(id.ToString(), change, Cells.CellMapping.KindName(kind),
            before is null ? null : VersionCellDto.From(before), after is null ? null : VersionCellDto.From(after));

    private static IReadOnlyList<DiffLine> Lines(string before, string after) =>
        [.. InlineDiffBuilder.Diff(before, after, ignoreWhiteSpace: false).Lines
            .Where(l => l.Type is ChangeType.Unchanged or ChangeType.Inserted or ChangeType.Deleted)
            .Select(l => new DiffLine(l.Type switch { ChangeType.Inserted => "+", ChangeType.Deleted => "-", _ => " " }, l.Text))];

    // The cells of a longest common subsequence of the two orders. Both hold the same ids once each, so that is the
    // longest increasing run of b-positions taken in a's order: O(n log n) time and O(n) memory (a table over both
    // orders took 400 MB for 10,000 cells).
    private static HashSet<CellId> InOrder(IReadOnlyList<CellId> a, IReadOnlyList<CellId> b)
    {
        var position = new Dictionary<CellId, int>(b.Count);
        for (var j = 0; j < b.Count; j++) position[b[j]] = j;
        var tails = new List<int>(); // tails[k]: index into a of the smallest end of an increasing run of length k + 1
        var previous = new int[a.Count];
        for (var i = 0; i < a.Count; i++)
        {
            var p = position[a[i]];
            int lo = 0, hi = tails.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (position[a[tails[mid]]] < p) lo = mid + 1; else hi = mid;
            }
            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            if (lo == tails.Count) tails.Add(i); else tails[lo] = i;
        }
        var kept = new HashSet<CellId>();
        for (var i = tails.Count > 0 ? tails[^1] : -1; i >= 0; i = previous[i]) kept.Add(a[i]);
        return kept;
    }
}
