using Sept.Notebooks.Graph;
using static Sept.Notebooks.Tests.Notebook;

namespace Sept.Notebooks.Tests.Graph;

public sealed class CycleFinderTests
{
    private static GraphEdge Edge(string from, string to) => new(Id(from), Id(to), "v", EdgeKind.Definition);

    private static string Find(string cells, params (string From, string To)[] edges) =>
        string.Join(" | ", CycleFinder.FindCycles(
                [.. cells.Split(' ').Select(Id)], edges.Select(e => Edge(e.From, e.To)))
            .Select(c => Names(c.Cells)));

    [Fact]
    public void Finds_each_loop_with_its_cells_in_cell_order()
    {
        var found = Find("P Q R S T U V",
            ("R", "P"), ("P", "Q"), ("Q", "R"), // loop P Q R
            ("R", "S"),                         // S hangs off the loop
            ("T", "T"),                         // a cell reading itself
            ("U", "V"));                        // no loop
        Assert.Equal("P Q R | T", found);
    }

    [Fact]
    public void Two_loops_joined_by_one_edge_stay_two_loops()
    {
        Assert.Equal("P Q | R S", Find("P Q R S", ("P", "Q"), ("Q", "P"), ("Q", "R"), ("R", "S"), ("S", "R")));
    }

    [Fact]
    public void Forward_edges_have_no_loops()
    {
        Assert.Equal("", Find("P Q R S", ("P", "Q"), ("P", "R"), ("Q", "S"), ("R", "S"), ("P", "S")));
    }

    [Fact]
    public void A_loop_through_ten_thousand_cells_does_not_overflow_the_stack()
    {
        var cells = Enumerable.Range(0, 10_000).Select(i => Id($"ring{i}")).ToList();
        var edges = cells.Select((c, i) => new GraphEdge(c, cells[(i + 1) % cells.Count], "v", EdgeKind.Definition));
        var cycle = Assert.Single(CycleFinder.FindCycles(cells, edges));
        Assert.Equal(cells, cycle.Cells);
    }
}
