using Sept.Notebooks.Planning;
using static Sept.Notebooks.Tests.Notebook;

namespace Sept.Notebooks.Tests.Planning;

public sealed class StalePropagationTests
{
    [Fact]
    public void Editing_a_cell_marks_it_and_its_dependents_stale()
    {
        var graph = GraphOf("A w=x", "B r=x w=y", "C r=y", "D w=z", "E r=x,z");
        Assert.Equal("A B C E", Names(StalePropagation.ForEdit(graph, Id("A"))));
        Assert.Equal("B C", Names(StalePropagation.ForEdit(graph, Id("B"))));
        Assert.Equal("D E", Names(StalePropagation.ForEdit(graph, Id("D"))));
        Assert.Equal("C", Names(StalePropagation.ForEdit(graph, Id("C"))));
    }

    [Fact]
    public void An_edit_that_removes_a_name_still_marks_its_former_readers_stale()
    {
        var before = GraphOf("A w=x,w", "B r=w", "C r=x");
        var after = GraphOf("A w=x", "B r=w", "C r=x");
        Assert.Equal("A C", Names(StalePropagation.ForEdit(after, Id("A"))));
        Assert.Equal("A B C", Names(StalePropagation.ForEdit(after, Id("A"), previous: before)));
    }

    [Fact]
    public void Moving_or_deleting_cells_marks_cells_whose_bindings_changed()
    {
        var before = GraphOf("A w=x", "B w=x", "C r=x w=y", "D r=y", "E w=q");
        // B moved below C: C now binds x to A.
        var moved = GraphOf("A w=x", "C r=x w=y", "B w=x", "D r=y", "E w=q");
        Assert.Equal("C D", Names(StalePropagation.ForRebinding(before, moved)));
        // A deleted: nothing read A's x, so nothing changes.
        var deleted = GraphOf("B w=x", "C r=x w=y", "D r=y", "E w=q");
        Assert.Empty(StalePropagation.ForRebinding(before, deleted));
        // B deleted: C falls back to A's x.
        var fallback = GraphOf("A w=x", "C r=x w=y", "D r=y", "E w=q");
        Assert.Equal("C D", Names(StalePropagation.ForRebinding(before, fallback)));
        // A new writer of y above D takes D over; the new cell itself has never run.
        var added = GraphOf("A w=x", "B w=x", "C r=x w=y", "N w=y", "D r=y", "E w=q");
        Assert.Equal("D", Names(StalePropagation.ForRebinding(before, added)));
    }

    [Fact]
    public void A_mutator_moved_below_a_reader_changes_that_readers_dependencies()
    {
        var before = GraphOf("A w=xs", "B m=xs", "C r=xs");
        var after = GraphOf("A w=xs", "C r=xs", "B m=xs");
        Assert.Equal("C", Names(StalePropagation.ForRebinding(before, after)));
    }

    [Fact]
    public void A_failing_cell_skips_only_the_planned_cells_that_depend_on_it()
    {
        var graph = GraphOf("A w=x", "B r=x w=y", "C r=y", "D w=z", "E r=x,z", "F r=z");
        var plan = RunPlanner.Plan(graph, RunMode.All, [], reactive: true);
        Assert.Equal("C", Names(StalePropagation.SkippedAfterFailure(plan, graph, Id("B"))));
        Assert.Equal("B C E", Names(StalePropagation.SkippedAfterFailure(plan, graph, Id("A"))));
        Assert.Equal("E F", Names(StalePropagation.SkippedAfterFailure(plan, graph, Id("D"))));
        Assert.Empty(StalePropagation.SkippedAfterFailure(plan, graph, Id("F")));
    }

    [Fact]
    public void Skipping_follows_dependencies_through_cells_outside_the_plan()
    {
        // Plan holds A and C only; C depends on A through B, which is not planned.
        var graph = GraphOf("A w=x", "B r=x w=y", "C r=y");
        var plan = RunPlanner.Plan(graph, RunMode.Cell, [Id("A"), Id("C")], reactive: false);
        Assert.Equal("C", Names(StalePropagation.SkippedAfterFailure(plan, graph, Id("A"))));
        Assert.Empty(StalePropagation.SkippedAfterFailure(plan, graph, Id("C")));
    }
}
