using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Rewriting;

namespace Sept.Notebooks.Tests.Analysis;

/// <summary>Cells that nest deeper than any person writes overflowed the stack while analysed and killed the app
/// (issue 13, row 3). Now they come back as a problem on the cell; a test run that crashes here is the old bug.</summary>
public sealed class DeeplyNestedCellTests
{
    public static TheoryData<string> Hostile() => new()
    {
        new string('-', 20000) + "x",
        string.Concat(Enumerable.Repeat("List<", 5000)) + "int" + new string('>', 5000) + " x;",
        new string('(', 30000) + "1" + new string(')', 30000),
        "var s = " + string.Join(" + ", Enumerable.Repeat("a", 20000)) + ";",
        new string('-', 1024 * 1024 - 1) + "x", // the longest source a cell may have
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public void A_deeply_nested_cell_is_a_problem_not_a_crash(string source)
    {
        var analysis = CSharpCellAnalyzer.Analyze(source);
        var problem = Assert.Single(analysis.Symbols.Diagnostics, d => d.IsError);
        Assert.Equal(CSharpCellAnalyzer.TooComplexId, problem.Id);
        Assert.Empty(analysis.Symbols.Writes);
        Assert.Empty(analysis.Symbols.Reads);
        // The graph path (syntax only) and the kernel's rewrite of the same cell survive too.
        Assert.Equal(CSharpCellAnalyzer.TooComplexId, CellAnalyzer.Analyze(CellKind.Code, source, CellSettings.None).Diagnostics.Single().Id);
        Assert.Equal(source, CSharpCellRewriter.Rewrite(source, CellId.New(), new Dictionary<string, CellId>()).Code);
    }

    [Fact]
    public void Ordinary_nesting_is_still_analysed()
    {
        var source = "var total = " + new string('(', 200) + "a" + new string(')', 200) + " + 1;";
        var analysis = CSharpCellAnalyzer.Analyze(source);
        Assert.Empty(analysis.Symbols.Diagnostics);
        Assert.Equal(["total"], analysis.Symbols.Writes);
        Assert.Equal(["a"], analysis.Symbols.Reads);
    }
}
