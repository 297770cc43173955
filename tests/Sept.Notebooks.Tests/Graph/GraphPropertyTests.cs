using CsCheck;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Graph;
using Sept.Notebooks.Planning;

namespace Sept.Notebooks.Tests.Graph;

/// <summary>Random notebooks against a brute-force reading of the binding rules.</summary>
public sealed class GraphPropertyTests
{
    private static readonly string[] Vocabulary = ["a", "b", "c", "d", "e", "f"];

    // Each cell: a few writes, reads and mutations drawn from a small vocabulary, so names collide often.
    private static readonly Gen<CellSymbols> CellGen =
        Gen.Select(Gen.Int[0, 63], Gen.Int[0, 63], Gen.Int[0, 63].Where(m => m % 4 == 0 || m < 8))
            .Select((w, r, m) => new CellSymbols(Names(w & 7), Names(r).Union(Names(m & 3)).ToHashSet(), Names(m & 3), []));

    private static HashSet<string> Names(int bits) =>
        [.. Vocabulary.Where((_, i) => (bits & (1 << i)) != 0)];

    private static readonly Gen<List<(CellId, CellSymbols)>> NotebookGen =
        CellGen.List[1, 40].Select(cells => cells.Select(s => (CellId.New(), s)).ToList());

    [Fact]
    public void Every_read_binds_to_the_nearest_earlier_writer_or_is_reported_unbound()
    {
        NotebookGen.Sample(cells =>
        {
            var graph = NotebookGraph.Build(cells);
            for (var i = 0; i < cells.Count; i++)
            {
                var (id, symbols) = cells[i];
                foreach (var name in symbols.Reads)
                {
                    var writer = Enumerable.Range(0, i).LastOrDefault(j => cells[j].Item2.Writes.Contains(name), -1);
                    if (writer >= 0)
                        Assert.Equal(cells[writer].Item1, graph.BindingsOf(id)[name]);
                    else
                        Assert.Equal(!symbols.Writes.Contains(name),
                            graph.UnboundReadsOf(id).Any(u => u.Name == name));
                }
            }
        }, iter: 300);
    }

    [Fact]
    public void Edges_point_forward_so_no_cycle_forms_and_plans_follow_cell_order()
    {
        NotebookGen.Sample(cells =>
        {
            var graph = NotebookGraph.Build(cells);
            Assert.All(graph.Edges, e => Assert.True(graph.IndexOf(e.From) < graph.IndexOf(e.To)));
            Assert.Empty(graph.Cycles);
            foreach (var (id, _) in cells)
            {
                var plan = RunPlanner.Plan(graph, RunMode.Cell, [id], reactive: true);
                var expected = graph.TransitiveDependents(id).Prepend(id).OrderBy(graph.IndexOf);
                Assert.Equal(expected, plan.CellIds);
                // Every cell planned for an upstream reason names a cell planned before it and a name it reads.
                foreach (var (planned, position) in plan.Cells.Select((p, k) => (p, k)))
                    if (planned.Reason is RunReason.UpstreamChanged upstream)
                    {
                        Assert.Contains(upstream.Upstream, plan.CellIds.Take(position));
                        Assert.Contains(upstream.Name, graph.NamesBetween(upstream.Upstream, planned.Cell));
                    }
            }
        }, iter: 200);
    }
}
