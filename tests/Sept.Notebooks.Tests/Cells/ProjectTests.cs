using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Tests.Cells;

public sealed class ProjectTests
{
    private static Project ThreeCells(out Cell a, out Cell b, out Cell c)
    {
        var keyA = OrderKey.First;
        var keyB = OrderKey.Between(keyA, null);
        var keyC = OrderKey.Between(keyB, null);
        a = Cell.Create(CellKind.Code, "var x = 1;", keyA);
        b = Cell.Create(CellKind.Code, "var y = x + 1;", keyB);
        c = Cell.Create(CellKind.Markdown, "# notes", keyC);
        // Given out of order on purpose: the project sorts by key.
        return Project.Create(ProjectId.New(), "demo", reactive: true, [c, a, b]);
    }

    [Fact]
    public void Cells_are_kept_in_key_order()
    {
        var project = ThreeCells(out var a, out var b, out var c);
        Assert.Equal([a.Id, b.Id, c.Id], project.Cells.Select(x => x.Id));
        Assert.Equal(1, project.IndexOf(b.Id));
        Assert.Equal(-1, project.IndexOf(CellId.New()));
    }

    [Fact]
    public void Inserting_after_a_cell_places_the_new_cell_there_without_touching_others()
    {
        var project = ThreeCells(out var a, out var b, out var c);
        var top = Cell.Create(CellKind.Code, "1", project.KeyAfter(null)!.Value);
        var middle = Cell.Create(CellKind.Code, "2", project.KeyAfter(a.Id)!.Value);
        var last = Cell.Create(CellKind.Code, "3", project.KeyAfter(c.Id)!.Value);
        var grown = project.WithCell(top).WithCell(middle).WithCell(last);
        Assert.Equal([top.Id, a.Id, middle.Id, b.Id, c.Id, last.Id], grown.Cells.Select(x => x.Id));
        Assert.Equal([a, b, c], grown.Cells.Where(x => project.Find(x.Id) is not null));
        Assert.Null(project.KeyAfter(CellId.New()));
    }

    [Fact]
    public void Moving_a_cell_changes_only_its_key()
    {
        var project = ThreeCells(out var a, out var b, out var c);
        var moved = project.WithCellMoved(c.Id, afterCellId: null)!;
        Assert.Equal([c.Id, a.Id, b.Id], moved.Cells.Select(x => x.Id));
        var back = moved.WithCellMoved(c.Id, afterCellId: a.Id)!;
        Assert.Equal([a.Id, c.Id, b.Id], back.Cells.Select(x => x.Id));
        Assert.Equal(a, back.Cells[0]);
        Assert.Null(project.WithCellMoved(c.Id, afterCellId: c.Id));
        Assert.Null(project.WithCellMoved(CellId.New(), afterCellId: a.Id));
    }

    [Fact]
    public void Cells_that_got_equal_keys_from_concurrent_inserts_still_take_a_cell_between_them()
    {
        var project = ThreeCells(out var a, out var b, out var c);
        var key = project.KeyAfter(a.Id)!.Value;
        var first = Cell.Create(CellKind.Code, "1", key);
        var second = Cell.Create(CellKind.Code, "2", key);
        var both = project.WithCell(first).WithCell(second);
        var (low, high) = first.Id.Value.CompareTo(second.Id.Value) < 0 ? (first, second) : (second, first);
        Assert.Equal([a.Id, low.Id, high.Id, b.Id, c.Id], both.Cells.Select(x => x.Id));

        var third = Cell.Create(CellKind.Code, "3", both.KeyAfter(low.Id)!.Value);
        Assert.Equal([a.Id, low.Id, high.Id, third.Id, b.Id, c.Id], both.WithCell(third).Cells.Select(x => x.Id));
    }

    [Fact]
    public void Removing_a_cell_keeps_the_rest()
    {
        var project = ThreeCells(out var a, out var b, out var c);
        Assert.Equal([a.Id, c.Id], project.WithoutCell(b.Id).Cells.Select(x => x.Id));
    }

    [Fact]
    public void Editing_source_bumps_the_version_and_makes_a_run_cell_stale()
    {
        var cell = Cell.Create(CellKind.Code, "1", OrderKey.First);
        var edited = cell.WithSource("2");
        Assert.Equal((2L, CellState.Idle, "2"), (edited.Version, edited.State, edited.Source));
        var ran = (cell with { State = CellState.Success }).WithSource("3");
        Assert.Equal((2L, CellState.Stale), (ran.Version, ran.State));
    }
}
