using Sept.Functions.Storage;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Storage;

/// <summary>The store contract on cosmosdb-server, plus what the Cosmos layout adds (index partition, run docs).</summary>
public sealed class CosmosProjectStoreTests(CosmosEmulatorFixture cosmos) : ProjectStoreContract, IClassFixture<CosmosEmulatorFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly CosmosProjectStore _store = new(cosmos.Container, TimeProvider.System);

    protected override IProjectStore Store => _store;

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task The_project_index_follows_renames_and_deletes()
    {
        var project = Assert.IsType<SaveOutcome<ProjectRecord>.Saved>(
            await Store.CreateProjectAsync(new ProjectRecord(ProjectId.New(), "Before", false, 0, Now, Now, Workspace), Ct)).Value;
        await Store.UpdateProjectAsync(project with { Name = "After", Reactive = true }, 1, Ct);
        var listed = Assert.Single(await Store.ListProjectsAsync(Ct), p => p.Id == project.Id);
        Assert.Equal(("After", true, 2L), (listed.Name, listed.Reactive, listed.Version));
        await Store.DeleteProjectAsync(project.Id, Ct);
        Assert.DoesNotContain(await Store.ListProjectsAsync(Ct), p => p.Id == project.Id);
    }

    [Fact]
    public async Task Appending_the_same_run_of_a_cell_twice_keeps_one_entry()
    {
        var project = Assert.IsType<SaveOutcome<ProjectRecord>.Saved>(
            await Store.CreateProjectAsync(new ProjectRecord(ProjectId.New(), "Redelivery", true, 0, Now, Now, Workspace), Ct)).Value;
        var cell = new CellRecord(project.Id, CellId.New(), CellKind.Code, "1", null, OrderKey.First, 1, 1, CellRun.Idle, Now);
        await Store.AddCellAsync(cell, Ct);
        var run = new RunRecord(project.Id, "r1", cell.Id, "requested", "success", Now, 1, "1", []);
        await Store.AppendRunAsync(run, Ct);
        await Store.AppendRunAsync(run, Ct);
        Assert.Equal("r1", Assert.Single(await Store.ListRunsAsync(project.Id, cell.Id, Ct)).RunId);
    }

    [Fact]
    public async Task A_project_without_cells_deletes_cleanly_and_an_unknown_one_reports_false()
    {
        var project = Assert.IsType<SaveOutcome<ProjectRecord>.Saved>(
            await Store.CreateProjectAsync(new ProjectRecord(ProjectId.New(), "Empty", true, 0, Now, Now, Workspace), Ct)).Value;
        Assert.IsType<SaveOutcome<ProjectRecord>.Exists>(await Store.CreateProjectAsync(project, Ct));
        Assert.True(await Store.DeleteProjectAsync(project.Id, Ct));
        Assert.False(await Store.DeleteProjectAsync(ProjectId.New(), Ct));
    }
}
