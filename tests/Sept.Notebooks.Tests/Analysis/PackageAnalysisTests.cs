using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Tests.Analysis;

/// <summary>With the project's restored package assemblies, package types bind like library types.</summary>
public sealed class PackageAnalysisTests
{
    private static readonly IReadOnlyList<string> Humanizer = [typeof(global::Humanizer.StringHumanizeExtensions).Assembly.Location];

    [Fact]
    public void A_cell_using_a_package_has_no_reads_and_no_diagnostics()
    {
        const string cell = "#r \"nuget: Humanizer.Core, 3.0.10\"\nusing Humanizer;\nvar title = \"x\".Humanize();\nvar words = 3.ToWords();";
        var analysis = CSharpCellAnalyzer.Analyze(cell, withSemanticDiagnostics: true, Humanizer);

        Assert.Empty(analysis.Symbols.Reads);
        Assert.Empty(analysis.Symbols.Diagnostics);
        Assert.Equal(["title", "words"], analysis.Symbols.Writes.Order());
        Assert.Equal("Humanizer.Core", Assert.Single(analysis.Symbols.Directives).Value);
    }

    [Fact]
    public void The_graph_path_binds_package_types_too()
    {
        var symbols = CellAnalyzer.Analyze(CellKind.Code, "var n = Humanizer.NumberToWordsExtension.ToWords(3);\nn + other", new CellSettings(), null, Humanizer);
        Assert.Equal(["other"], symbols.Reads);
    }

    [Fact]
    public void Without_the_package_its_type_is_a_read_and_a_feed_directive_is_no_diagnostic()
    {
        var symbols = CSharpCellAnalyzer.Analyze("#i \"nuget: https://example.test/v3/index.json\"\nvar n = NumberToWordsExtension.ToWords(3);").Symbols;
        Assert.Equal(["NumberToWordsExtension"], symbols.Reads);
        Assert.Empty(symbols.Diagnostics);
    }
}
