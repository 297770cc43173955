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

    // The cells of a longest common subsequence of the two orders (both hold the same ids).
    private static HashSet<CellId> InOrder(IReadOnlyList<CellId> a, IReadOnlyList<CellId> b)
    {
        var length = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
            for (var j = b.Count - 1; j >= 0; j--)
                length[i, j] = a[i] == b[j] ? length[i + 1, j + 1] + 1 : Math.Max(length[i + 1, j], length[i, j + 1]);
        var kept = new HashSet<CellId>();
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            if (a[i] == b[j]) { kept.Add(a[i]); i++; j++; }
            else if (length[i + 1, j] >= length[i, j + 1]) i++;
            else j++;
        }
        return kept;
    }
}
