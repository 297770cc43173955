using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Graph;
using Sept.Notebooks.Planning;
using static Sept.Notebooks.Tests.Notebook;

namespace Sept.Notebooks.Tests.Graph;

/// <summary>End to end: real C# cells through the real analyzer into the graph and the planner.</summary>
public sealed class GraphFromSourceTests
{
    private static NotebookGraph FromSource(params (string Name, string Source)[] cells) =>
        NotebookGraph.Build([.. cells.Select(c => (Id(c.Name), CSharpCellAnalyzer.Analyze(c.Source, false).Symbols))]);

    [Fact]
    public void A_redefinition_wins_for_the_cells_below_it()
    {
        var graph = FromSource(("srcA", "var x = 1;"), ("srcB", "var x = 100;"), ("srcC", "x + 1"));
        Assert.Equal(Id("srcB"), graph.BindingsOf(Id("srcC"))["x"]);
        Assert.Equal("srcB->srcC:x", Edges(graph));
    }

    [Fact]
    public void A_diamond_of_linq_records_and_methods()
    {
        var graph = FromSource(
            ("dA", "record Sale(string Region, decimal Amount);\nvar sales = new List<Sale> { new(\"N\", 10m), new(\"S\", 5m) };"),
            ("dB", "var byRegion = sales.GroupBy(s => s.Region).ToDictionary(g => g.Key, g => g.Sum(s => s.Amount));"),
            ("dC", "decimal Total(IEnumerable<Sale> items) => items.Sum(i => i.Amount);\nvar total = Total(sales);"),
            ("dD", "byRegion.Select(kv => (kv.Key, share: kv.Value / total))"));
        Assert.Equal("dA->dB:sales dA->dC:Sale dA->dC:sales dB->dD:byRegion dC->dD:total", Edges(graph));
        Assert.Equal("dB dC dD", Names(graph.TransitiveDependents(Id("dA"))));
        Assert.Empty(graph.UnboundReads);
    }

    [Fact]
    public void Adding_to_another_cells_list_is_a_mutation_the_readers_below_depend_on()
    {
        var graph = FromSource(
            ("mA", "var xs = new List<int> { 1, 2 };"), ("mB", "xs.Add(3);"), ("mC", "xs.Count"),
            ("mD", "var x = 1;"), ("mE", "x = x + 1;"));
        Assert.Equal("mA->mB:xs mA->mC:xs mB~>mC:xs mD->mE:x", Edges(graph));
        Assert.Equal("mB mE", Names(graph.Warnings.Select(w => w.Cell)));
        var plan = RunPlanner.Plan(graph, RunMode.Cell, [Id("mB")], reactive: true);
        Assert.Equal([new PlannedCell(Id("mB"), RunReason.Requested.Instance),
            new PlannedCell(Id("mC"), new RunReason.UpstreamChanged(Id("mB"), "xs"))], plan.Cells);
    }

    [Fact]
    public void A_reader_above_its_writer_gets_the_move_it_above_message()
    {
        var graph = FromSource(("uA", "Console.WriteLine(price * 2);"), ("uB", "var price = 9.5;"));
        var unbound = Assert.Single(graph.UnboundReads);
        Assert.Equal("name 'price' is not defined by any cell above (cell 2 below defines it; move it above)",
            unbound.Message);
    }

    [Fact]
    public void Every_kind_of_cell_joins_the_graph()
    {
        (string Name, CellKind Kind, string Source, CellSettings Settings)[] cells =
        [
            ("kInput", CellKind.Input, "", new CellSettings(InputName: "threshold")),
            ("kCode", CellKind.Code, "var sales = Enumerable.Range(1, 5).Where(v => v > threshold).ToList();", CellSettings.None),
            ("kSql", CellKind.Sql, "SELECT * FROM orders WHERE amount > {threshold}", new CellSettings(ResultName: "big")),
            ("kChart", CellKind.Chart, "", new CellSettings(ChartData: "big")),
            ("kText", CellKind.Markdown, "We sold {sales} above {threshold}.", CellSettings.None),
        ];
        var graph = NotebookGraph.Build([.. cells.Select(c => (Id(c.Name), CellAnalyzer.Analyze(c.Kind, c.Source, c.Settings)))]);
        Assert.Equal("kCode->kText:sales kInput->kCode:threshold kInput->kSql:threshold kInput->kText:threshold kSql->kChart:big",
            Edges(graph));
        // Moving the slider re-runs everything that reads it, in cell order.
        var plan = RunPlanner.Plan(graph, RunMode.Cell, [Id("kInput")], reactive: true);
        Assert.Equal("kInput kCode kSql kChart kText", Names(plan.CellIds));
    }
}
