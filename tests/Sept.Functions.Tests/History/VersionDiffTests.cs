using Sept.Functions.History;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.History;

/// <summary>The diff's move detection on its own: which cells count as moved, and that a large notebook diff stays
/// linear in memory.</summary>
public sealed class VersionDiffTests
{
    [Fact]
    public void Only_the_cells_outside_the_longest_kept_order_count_as_moved()
    {
        var cells = Cells(6);
        // c moved to the end, e moved to the front: a b d f keep their order.
        int[] order = [4, 0, 1, 3, 5, 2];
        var after = Reordered(cells, order);
        var diff = VersionDiff.Compare(cells, after);
        var moved = diff.Cells.Where(c => c.Change == CellChange.Moved).Select(c => c.CellId).Order().ToList();
        Assert.Equal(new[] { cells[2].Id.ToString(), cells[4].Id.ToString() }.Order(), moved);
        Assert.Equal(4, diff.Cells.Count(c => c.Change == CellChange.Unchanged));
    }

    [Fact]
    public void Diffing_ten_thousand_reordered_cells_allocates_linearly_not_a_table_of_both_orders()
    {
        var cells = Cells(10_000);
        var order = Enumerable.Range(0, cells.Count).Select(i => (i * 7919) % cells.Count).ToArray(); // a permutation
        var after = Reordered(cells, order);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var diff = VersionDiff.Compare(cells, after);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(cells.Count, diff.Cells.Count);
        Assert.Contains(diff.Cells, c => c.Change == CellChange.Moved);
        // The old table was 10,001² ints (400 MB); the diff's own entries take a few MB.
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MB");
    }

    private static List<VersionCell> Cells(int count)
    {
        var cells = new List<VersionCell>(count);
        OrderKey? last = null;
        for (var i = 0; i < count; i++)
        {
            var key = OrderKey.After(last);
            cells.Add(new VersionCell(CellId.New(), CellKind.Code, $"var x{i} = {i};", null, key));
            last = key;
        }
        return cells;
    }

    // The same cells in a new order: each takes the order key of the slot it moves to.
    private static List<VersionCell> Reordered(List<VersionCell> cells, int[] order) =>
        [.. order.Select((from, slot) => cells[from] with { Order = cells[slot].Order })];
}
