using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Graph;
using Sept.Notebooks.Planning;

namespace Sept.Notebooks.Tests.Graph;

/// <summary>A <c>#r "nuget: X"</c> directive writes X's assemblies: cells using X's namespaces or types depend on
/// the directive's cell, so editing the directive makes them stale. Real package assembly (the test's Humanizer.Core
/// laid out as in the NuGet packages folder).</summary>
public sealed class PackageEdgeTests
{
    // The test's copy in bin/ is not in the packages folder layout, so lay it out as a restore does.
    private static readonly IReadOnlyList<string> Humanizer = [LaidOut()];

    private static string LaidOut()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sept-package-edges", "humanizer.core", "3.0.10", "lib", "net8.0");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, "Humanizer.dll");
        File.Copy(typeof(global::Humanizer.StringHumanizeExtensions).Assembly.Location, path, overwrite: true);
        return path;
    }

    private static (NotebookGraph Graph, CellId[] Ids) Build(params string[] sources)
    {
        var ids = sources.Select(_ => CellId.New()).ToArray();
        var cells = sources.Select((s, i) => (ids[i], CellAnalyzer.Analyze(CellKind.Code, s, new CellSettings(), null, Humanizer))).ToList();
        return (NotebookGraph.Build(cells), ids);
    }

    [Fact]
    public void Cells_using_the_package_depend_on_the_directive_cell_and_go_stale_when_it_changes()
    {
        var (graph, ids) = Build(
            "#r \"nuget: Humanizer.Core, 3.0.10\"",
            "using Humanizer;\nvar title = \"SomeTitle\".Humanize();",
            "var plain = 1 + 2;",
            "var words = global::Humanizer.NumberToWordsExtension.ToWords(3);");

        var package = graph.Edges.Where(e => e.Kind == EdgeKind.Package).ToList();
        Assert.Equal([(ids[0], ids[1]), (ids[0], ids[3])], package.Select(e => (e.From, e.To)));
        Assert.All(package, e => Assert.Equal("Humanizer.Core", e.Name));
        Assert.Equal([ids[0], ids[1], ids[3]], StalePropagation.ForEdit(graph, ids[0]));
        // Not a binding: the kernel renames reads by the bindings.
        Assert.Empty(graph.BindingsOf(ids[1]));
    }

    [Fact]
    public void The_nearest_directive_above_wins_and_a_directive_below_is_no_writer()
    {
        var (graph, ids) = Build(
            "#r \"nuget: Humanizer.Core, 2.14.1\"",
            "#r \"nuget: Humanizer.Core, 3.0.10\"",
            "using Humanizer;\nvar title = \"SomeTitle\".Humanize();",
            "#r \"nuget: humanizer.core\"");

        var edge = Assert.Single(graph.Edges, e => e.Kind == EdgeKind.Package);
        Assert.Equal((ids[1], ids[2]), (edge.From, edge.To));
    }

    [Fact]
    public void A_dependency_no_directive_names_binds_to_the_directive_cells_above()
    {
        // Humanizer (the meta-package) brings Humanizer.Core; the analysis cannot tell which directive brought it.
        var (graph, ids) = Build(
            "#r \"nuget: Humanizer, 3.0.10\"",
            "#r \"nuget: Newtonsoft.Json, 13.0.1\"",
            "using Humanizer;\nvar title = \"SomeTitle\".Humanize();");

        Assert.Equal([ids[0], ids[1]], graph.DirectDependencies(ids[2]));
        Assert.All(graph.Edges, e => Assert.Equal(EdgeKind.Package, e.Kind));
    }

    [Fact]
    public void A_namespace_the_package_shares_is_no_use_of_it_outside_a_using()
    {
        var (graph, _) = Build("#r \"nuget: Humanizer.Core, 3.0.10\"", "var b = new System.Text.StringBuilder();");
        Assert.Empty(graph.Edges);
    }

    [Theory]
    [InlineData("/root/.nuget/packages/humanizer.core/3.0.10/lib/net8.0/Humanizer.dll", "humanizer.core")]
    [InlineData("/p/duckdb.net.bindings.full/1.1.0/runtimes/linux-x64/lib/net8.0/DuckDB.dll", "duckdb.net.bindings.full")]
    [InlineData("/uploads/lib.dll", null)]
    public void The_package_is_read_off_the_packages_folder_layout(string path, string? id) =>
        Assert.Equal(id, PackageUses.PackageIdOf(path));
}
