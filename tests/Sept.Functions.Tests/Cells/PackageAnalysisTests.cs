using Sept.Functions.Cells;
using Sept.Functions.Storage;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;
using Sept.Packages;

namespace Sept.Functions.Tests.Cells;

/// <summary>Once a package set is restored (here by the restore library itself, as a kernel does), the notebook's
/// analysis binds the package's types: no unbound reads, no false problems.</summary>
public sealed class PackageAnalysisTests : IDisposable
{
    private static readonly ProjectId Project = ProjectId.New();
    private readonly string resolutions = Directory.CreateTempSubdirectory("sept-resolutions-").FullName;

    private static CellRecord Code(CellId id, string source) =>
        new(Project, id, CellKind.Code, source, null, OrderKey.First, 1, 1, CellRun.Idle, DateTimeOffset.UnixEpoch);

    [Fact]
    public async Task A_cell_using_a_restored_package_has_no_unbound_reads()
    {
        CellId directive = CellId.New(), user = CellId.New();
        var cells = new[]
        {
            Code(directive, "#r \"nuget: Humanizer.Core, 3.0.10\""),
            Code(user, "using Humanizer;\nvar title = \"SomeTitle\".Humanize();\nvar n = NumberToWordsExtension.ToWords(3);"),
        };
        var before = new NotebookAnalysis(new ProjectPackages(new PackageRestoreOptions { ResolutionsDirectory = resolutions, Offline = true }));
        Assert.Contains(before.Analyze(cells).ProblemsOf(user), p => p.Code == "unbound");

        await new PackageRestorer(new PackageRestoreOptions { ResolutionsDirectory = resolutions }).RestoreAsync(
            new PackageRequest([new PackageRequirement("Humanizer.Core", "3.0.10")], []), null, CancellationToken.None);

        var after = new NotebookAnalysis(new ProjectPackages(new PackageRestoreOptions { ResolutionsDirectory = resolutions, Offline = true }))
            .Analyze(cells);
        Assert.Empty(after.ProblemsOf(user));
        Assert.Empty(after.SymbolsOf(user).Reads);
        Assert.Empty(after.ProblemsOf(directive));
    }

    public void Dispose() => Directory.Delete(resolutions, recursive: true);
}
