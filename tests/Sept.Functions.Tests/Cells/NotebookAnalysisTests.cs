using Sept.Functions.Cells;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Cells;

public sealed class NotebookAnalysisTests
{
    private static readonly ProjectId Project = ProjectId.New();

    private static CellRecord Code(CellId id, string source, long version = 1) =>
        new(Project, id, CellKind.Code, source, null, OrderKey.First, version, 1, CellRun.Idle, DateTimeOffset.UnixEpoch);

    [Fact]
    public void A_new_version_of_a_cell_is_analysed_again()
    {
        var analysis = new NotebookAnalysis(new ProjectPackages());
        var id = CellId.New();
        analysis.Analyze([Code(id, "var a = 1;")]);

        var edited = analysis.Analyze([Code(id, "var b = 2;", version: 2)]);

        Assert.Equal(["b"], edited.SymbolsOf(id).Writes);
    }

    [Fact]
    public async Task A_deleted_cell_that_comes_back_with_the_same_id_and_version_is_analysed_again()
    {
        var analysis = new NotebookAnalysis(new ProjectPackages());
        var observer = new AnalysisCacheObserver(analysis);
        var id = CellId.New();
        analysis.Analyze([Code(id, "var a = 1;")]);

        await observer.CellDeletedAsync(Project, id, CancellationToken.None);
        var restored = analysis.Analyze([Code(id, "var b = 2;")]);

        Assert.Equal(["b"], restored.SymbolsOf(id).Writes);
    }
}
