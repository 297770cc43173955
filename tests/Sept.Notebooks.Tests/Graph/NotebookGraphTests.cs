using Sept.Notebooks.Cells;
using Sept.Notebooks.Graph;
using static Sept.Notebooks.Tests.Notebook;

namespace Sept.Notebooks.Tests.Graph;

public sealed class NotebookGraphTests
{
    // Cells (see Notebook.Cell), expected edges ("A->B:x" definition, "A~>B:x" mutation), expected unbound
    // reads ("C:x"), expected bindings ("C.x=B").
    public static TheoryData<string, string[], string, string, string> Cases() => new()
    {
        { "chain", ["A w=x", "B r=x w=y", "C r=y"], "A->B:x B->C:y", "", "B.x=A C.y=B" },
        { "diamond", ["A w=x", "B r=x w=y", "C r=x w=z", "D r=y,z"],
            "A->B:x A->C:x B->D:y C->D:z", "", "B.x=A C.x=A D.y=B D.z=C" },
        { "redefinition binds to the nearest earlier writer", ["A w=x", "B w=x", "C r=x"], "B->C:x", "", "C.x=B" },
        { "a writer above a reader is not hidden by a writer below", ["A w=x", "B r=x", "C w=x", "D r=x"],
            "A->B:x C->D:x", "", "B.x=A D.x=C" },
        { "x = x + 1 binds its read to the writer above", ["A w=x", "B r=x w=x", "C r=x"],
            "A->B:x B->C:x", "", "B.x=A C.x=B" },
        { "a name declared and used in one cell is local", ["A w=x r=x", "B r=x"], "A->B:x", "", "B.x=A" },
        { "reader above its writer is unbound", ["A r=x", "B w=x"], "", "A:x", "" },
        { "no writer at all", ["A w=x", "B r=x,y"], "A->B:x", "B:y", "B.x=A" },
        { "mutation: readers below depend on the mutator too", ["A w=xs", "B m=xs", "C r=xs"],
            "A->B:xs A->C:xs B~>C:xs", "", "B.xs=A C.xs=A" },
        { "two mutators chain", ["A w=xs", "B m=xs", "C m=xs", "D r=xs"],
            "A->B:xs A->C:xs A->D:xs B~>C:xs B~>D:xs C~>D:xs", "", "B.xs=A C.xs=A D.xs=A" },
        { "a redefinition cuts the mutator off", ["A w=xs", "B m=xs", "C w=xs", "D r=xs"],
            "A->B:xs C->D:xs", "", "B.xs=A D.xs=C" },
        { "readers above the mutator do not depend on it", ["A w=xs", "B r=xs", "C m=xs"],
            "A->B:xs A->C:xs", "", "B.xs=A C.xs=A" },
        { "mutating an undefined name is unbound", ["A m=xs", "B w=xs"], "", "A:xs", "" },
        { "cells without symbols stand alone", ["A", "B w=x", "C", "D r=x"], "B->D:x", "", "D.x=B" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Binds_reads_to_the_nearest_earlier_writer(
        string name, string[] cells, string edges, string unbound, string bindings)
    {
        var graph = GraphOf(cells);
        Assert.True(edges == Edges(graph), $"{name}: edges {Edges(graph)}");
        Assert.Equal(unbound, string.Join(" ", graph.UnboundReads.Select(u => $"{Name(u.Cell)}:{u.Name}")));
        var actual = graph.Cells.SelectMany(c => graph.BindingsOf(c).Select(b => $"{Name(c)}.{b.Key}={Name(b.Value)}"));
        Assert.Equal(bindings, string.Join(" ", actual.Order(StringComparer.Ordinal)));
        Assert.Empty(graph.Cycles);
    }

    [Fact]
    public void Unbound_messages_say_where_the_name_is_defined()
    {
        var graph = GraphOf("A r=x,y", "B", "C w=x");
        var messages = graph.UnboundReadsOf(Id("A")).ToDictionary(u => u.Name);
        Assert.Equal("name 'x' is not defined by any cell above (cell 3 below defines it; move it above)",
            messages["x"].Message);
        Assert.Equal(Id("C"), messages["x"].DefinedBelowBy);
        Assert.Equal("name 'y' is not defined by any cell above", messages["y"].Message);
        Assert.Null(messages["y"].DefinedBelowBy);
    }

    [Fact]
    public void Moving_a_reader_above_its_writer_unbinds_the_read()
    {
        var before = GraphOf("A w=x", "B r=x w=y", "C r=y");
        Assert.Equal(Id("A"), before.BindingsOf(Id("B"))["x"]);

        var after = GraphOf("B r=x w=y", "A w=x", "C r=y");
        Assert.Empty(after.BindingsOf(Id("B")));
        var unbound = Assert.Single(after.UnboundReads);
        Assert.Equal("name 'x' is not defined by any cell above (cell 2 below defines it; move it above)", unbound.Message);
        Assert.Equal("B->C:y", Edges(after));
    }

    [Fact]
    public void Deleting_a_writer_leaves_its_readers_unbound()
    {
        var graph = GraphOf("B r=x w=y", "C r=x,y");
        Assert.Equal("B:x C:x", string.Join(" ", graph.UnboundReads.Select(u => $"{Name(u.Cell)}:{u.Name}")));
        Assert.All(graph.UnboundReads, u => Assert.Equal("name 'x' is not defined by any cell above", u.Message));
        Assert.Equal(Id("B"), graph.BindingsOf(Id("C"))["y"]);
    }

    [Fact]
    public void A_mutating_cell_gets_one_warning_naming_what_it_changes()
    {
        var graph = GraphOf("A w=xs,ys", "B m=xs,ys", "C m=xs w=zs", "D m=zs w=zs");
        Assert.Equal("B C", Names(graph.Warnings.Select(w => w.Cell)));
        var warning = graph.Warnings[0];
        Assert.Equal(["xs", "ys"], warning.Names);
        Assert.Equal("cell 2 changes 'xs' (defined by cell 1), 'ys' (defined by cell 1) in place; "
            + "cells below that read it also depend on this cell", warning.Message);
    }

    [Fact]
    public void Dependents_come_in_cell_order()
    {
        var graph = GraphOf("A w=x", "B r=x w=y", "C r=x w=z", "D r=y,z", "E w=q", "F r=q,x");
        Assert.Equal("B C F", Names(graph.DirectDependents(Id("A"))));
        Assert.Equal("B C D F", Names(graph.TransitiveDependents(Id("A"))));
        Assert.Equal("D", Names(graph.TransitiveDependents(Id("B"))));
        Assert.Equal("B C", Names(graph.DirectDependencies(Id("D"))));
        Assert.Empty(graph.TransitiveDependents(Id("D")));
        Assert.Empty(graph.TransitiveDependents(CellId.New()));
        Assert.Empty(graph.BindingsOf(CellId.New()));
        Assert.Equal(["y"], graph.NamesBetween(Id("B"), Id("D")));
    }

    [Fact]
    public void A_thousand_cell_chain_builds_with_every_cell_downstream_of_the_first()
    {
        var cells = Enumerable.Range(0, 1000)
            .Select(i => i == 0 ? $"n0 w=v0" : $"n{i} r=v{i - 1} w=v{i}").ToArray();
        var graph = GraphOf(cells);
        Assert.Equal(999, graph.Edges.Count);
        Assert.Equal(999, graph.TransitiveDependents(Id("n0")).Count);
        Assert.Equal(Id("n998"), graph.BindingsOf(Id("n999"))["v998"]);
        Assert.Empty(graph.Cycles);
        Assert.Equal(graph.Cells, graph.TopologicalOrder(graph.Cells.Reverse()));
    }

    [Fact]
    public void The_same_cell_twice_is_a_bug()
    {
        Assert.Throws<ArgumentException>(() => GraphOf("A w=x", "A r=x"));
    }
}
