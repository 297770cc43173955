using Sept.Notebooks.Cells;
using Sept.Notebooks.Graph;
using Sept.Notebooks.Planning;
using static Sept.Notebooks.Tests.Notebook;

namespace Sept.Notebooks.Tests.Planning;

public sealed class RunPlannerTests
{
    // A -x-> B -y-> C ; A -x-> E <-z- D
    private static NotebookGraph Fixture() => GraphOf("A w=x", "B r=x w=y", "C r=y", "D w=z", "E r=x,z");

    private static string Describe(RunReason reason) => reason switch
    {
        RunReason.Requested => "requested",
        RunReason.WasStale => "stale",
        RunReason.UpstreamChanged u => $"{Name(u.Upstream)}.{u.Name}",
        _ => "?",
    };

    private static string Describe(RunPlan plan) =>
        string.Join(" ", plan.Cells.Select(p => $"{Name(p.Cell)}({Describe(p.Reason)})"))
        + " / stale: " + Names(plan.MarkStale);

    // mode, requested cells, stale cells, reactive, expected plan
    public static TheoryData<RunMode, string, string, bool, string> Modes() => new()
    {
        { RunMode.Cell, "B", "", true, "B(requested) C(B.y) / stale: " },
        { RunMode.Cell, "B", "", false, "B(requested) / stale: C" },
        { RunMode.Cell, "A", "", true, "A(requested) B(A.x) C(B.y) E(A.x) / stale: " },
        { RunMode.Cell, "A", "", false, "A(requested) / stale: B C E" },
        { RunMode.Cell, "C", "", true, "C(requested) / stale: " },
        { RunMode.Cell, "C", "", false, "C(requested) / stale: " },
        { RunMode.Cell, "D A", "", true, "A(requested) B(A.x) C(B.y) D(requested) E(A.x) / stale: " },
        { RunMode.Cell, "D A", "", false, "A(requested) D(requested) / stale: B C E" },
        { RunMode.Downstream, "A", "", true, "A(requested) B(A.x) C(B.y) E(A.x) / stale: " },
        { RunMode.Downstream, "A", "", false, "A(requested) B(A.x) C(B.y) E(A.x) / stale: " },
        { RunMode.Downstream, "D", "", false, "D(requested) E(D.z) / stale: " },
        { RunMode.Downstream, "B C", "", false, "B(requested) C(requested) / stale: " },
        { RunMode.All, "", "", true, "A(requested) B(requested) C(requested) D(requested) E(requested) / stale: " },
        { RunMode.All, "", "", false, "A(requested) B(requested) C(requested) D(requested) E(requested) / stale: " },
        { RunMode.Stale, "", "B E", true, "B(stale) C(B.y) E(stale) / stale: " },
        { RunMode.Stale, "", "B E", false, "B(stale) E(stale) / stale: C" },
        { RunMode.Stale, "", "B C E", false, "B(stale) C(stale) E(stale) / stale: " },
        { RunMode.Stale, "A", "", true, " / stale: " },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Plans_cells_in_dependency_order_with_their_reasons(
        RunMode mode, string requested, string stale, bool reactive, string expected)
    {
        static CellId[] Ids(string names) => [.. names.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Id)];
        var plan = RunPlanner.Plan(Fixture(), mode, Ids(requested), reactive, Ids(stale).ToHashSet());
        Assert.Equal(expected, Describe(plan));
    }

    [Theory]
    [InlineData(true, "A(requested) B(A.x) C(B.y) E(A.x) / stale: ")]
    [InlineData(false, "A(requested) / stale: B C E")]
    public void Planning_from_a_project_takes_its_reactivity_and_stale_cells(bool reactive, string expected)
    {
        var graph = Fixture();
        var key = (OrderKey?)null;
        var cells = graph.Cells.Select(id =>
        {
            key = OrderKey.Between(key, null);
            return new Cell(id, CellKind.Code, "", key.Value, 1, Name(id) == "D" ? CellState.Stale : CellState.Success);
        });
        var project = Project.Create(ProjectId.New(), "p", reactive, cells);
        Assert.Equal(expected, Describe(RunPlanner.Plan(project, graph, RunMode.Cell, [Id("A")])));
        Assert.Equal(reactive ? "D(stale) E(D.z) / stale: " : "D(stale) / stale: E",
            Describe(RunPlanner.Plan(project, graph, RunMode.Stale, [])));
    }

    [Fact]
    public void Cells_the_graph_does_not_know_are_ignored()
    {
        Assert.True(RunPlanner.Plan(Fixture(), RunMode.Cell, [CellId.New()], reactive: true).IsEmpty);
    }

    [Fact]
    public void A_mutating_cell_triggers_the_readers_below_it()
    {
        var graph = GraphOf("A w=xs", "B m=xs", "C r=xs", "D w=q");
        Assert.Equal("B(requested) C(B.xs) / stale: ", Describe(RunPlanner.Plan(graph, RunMode.Cell, [Id("B")], true)));
        Assert.Equal("A(requested) B(A.xs) C(A.xs) / stale: ",
            Describe(RunPlanner.Plan(graph, RunMode.Cell, [Id("A")], true)));
    }

    [Fact]
    public void A_thousand_cell_chain_plans_every_cell_in_order()
    {
        var cells = Enumerable.Range(0, 1000)
            .Select(i => i == 0 ? "p0 w=v0" : $"p{i} r=v{i - 1} w=v{i}").ToArray();
        var graph = GraphOf(cells);
        var plan = RunPlanner.Plan(graph, RunMode.Cell, [Id("p0")], reactive: true);
        Assert.Equal(graph.Cells, plan.CellIds);
        Assert.Equal(new RunReason.UpstreamChanged(Id("p499"), "v499"), plan.Cells[500].Reason);
        var lazy = RunPlanner.Plan(graph, RunMode.Cell, [Id("p0")], reactive: false);
        Assert.Equal(graph.Cells.Skip(1), lazy.MarkStale);
    }
}
