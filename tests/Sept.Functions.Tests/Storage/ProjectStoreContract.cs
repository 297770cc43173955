using System.Text.Json;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Storage;

/// <summary>What every <see cref="IProjectStore"/> must do. Derive once per implementation.</summary>
public abstract class ProjectStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The workspace of this test class's projects (each run gets its own, so listings stay separate).</summary>
    protected string Workspace { get; } = WorkspaceIds.New();

    protected abstract IProjectStore Store { get; }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_created_project_can_be_read_and_is_listed()
    {
        var project = await NewProjectAsync("Sales");
        Assert.Equal(1, project.Version);
        var read = await Store.GetProjectAsync(project.Id, Ct);
        Assert.Equal("Sales", read!.Name);
        Assert.Contains(await Store.ListProjectsAsync(Ct), p => p.Id == project.Id);
    }

    [Fact]
    public async Task Projects_keep_their_workspace_and_are_listed_per_workspace()
    {
        var mine = await NewProjectAsync("Mine");
        var other = Assert.IsType<SaveOutcome<ProjectRecord>.Saved>(await Store.CreateProjectAsync(
            new ProjectRecord(ProjectId.New(), "Other", true, 0, Now, Now, WorkspaceIds.New()), Ct)).Value;
        Assert.Equal(Workspace, (await Store.GetProjectAsync(mine.Id, Ct))!.WorkspaceId);
        var renamed = Assert.IsType<SaveOutcome<ProjectRecord>.Saved>(await Store.UpdateProjectAsync(mine with { Name = "Renamed" }, 1, Ct)).Value;
        Assert.Equal(Workspace, renamed.WorkspaceId);
        var listed = await Store.ListWorkspaceProjectsAsync(Workspace, Ct);
        Assert.Contains(listed, p => p.Id == mine.Id && p.Name == "Renamed");
        Assert.DoesNotContain(listed, p => p.Id == other.Id);
        Assert.Equal([other.Id], (await Store.ListWorkspaceProjectsAsync(other.WorkspaceId, Ct)).Select(p => p.Id));
    }

    [Fact]
    public async Task A_project_update_with_a_stale_version_is_refused_with_the_current_project()
    {
        var project = await NewProjectAsync("A");
        var saved = Assert.IsType<SaveOutcome<ProjectRecord>.Saved>(await Store.UpdateProjectAsync(project with { Name = "B" }, 1, Ct));
        Assert.Equal(2, saved.Value.Version);
        var stale = Assert.IsType<SaveOutcome<ProjectRecord>.Stale>(await Store.UpdateProjectAsync(project with { Name = "C" }, 1, Ct));
        Assert.Equal("B", stale.Current.Name);
        Assert.IsType<SaveOutcome<ProjectRecord>.NotFound>(
            await Store.UpdateProjectAsync(project with { Id = ProjectId.New() }, 1, Ct));
    }

    [Fact]
    public async Task Deleting_a_project_deletes_its_cells_and_runs()
    {
        var project = await NewProjectAsync("Gone");
        var cell = await AddCellAsync(project.Id, "var x = 1;", OrderKey.First);
        await Store.AppendRunAsync(Run(cell, "r1"), Ct);
        Assert.True(await Store.DeleteProjectAsync(project.Id, Ct));
        Assert.Null(await Store.GetProjectAsync(project.Id, Ct));
        Assert.Empty(await Store.ListCellsAsync(project.Id, Ct));
        Assert.Empty(await Store.ListRunsAsync(project.Id, cell.Id, Ct));
        Assert.False(await Store.DeleteProjectAsync(project.Id, Ct));
    }

    [Fact]
    public async Task Cells_are_listed_in_order_key_order()
    {
        var project = await NewProjectAsync("Order");
        var middle = OrderKey.First;
        var top = OrderKey.Between(null, middle);
        var bottom = OrderKey.Between(middle, null);
        var between = OrderKey.Between(top, middle);
        var b = await AddCellAsync(project.Id, "b", bottom);
        var m = await AddCellAsync(project.Id, "m", middle);
        var t = await AddCellAsync(project.Id, "t", top);
        var x = await AddCellAsync(project.Id, "x", between);
        Assert.Equal([t.Id, x.Id, m.Id, b.Id], (await Store.ListCellsAsync(project.Id, Ct)).Select(c => c.Id));
    }

    [Fact]
    public async Task A_cell_needs_an_existing_project_and_a_new_id()
    {
        var missing = Cell(ProjectId.New(), "x", OrderKey.First);
        Assert.IsType<SaveOutcome<CellRecord>.NotFound>(await Store.AddCellAsync(missing, Ct));
        var project = await NewProjectAsync("P");
        var cell = await AddCellAsync(project.Id, "x", OrderKey.First);
        Assert.IsType<SaveOutcome<CellRecord>.Exists>(await Store.AddCellAsync(cell, Ct));
    }

    [Fact]
    public async Task A_cell_keeps_kind_source_config_and_outputs()
    {
        var project = await NewProjectAsync("Round trip");
        var config = JsonSerializer.SerializeToElement(new { name = "n", value = 3 });
        var cell = Cell(project.Id, "SELECT 1", OrderKey.First) with { Kind = CellKind.Sql, Config = config };
        Assert.IsType<SaveOutcome<CellRecord>.Saved>(await Store.AddCellAsync(cell, Ct));
        var outputs = new CellOutput[]
        {
            new StreamOutput("stdout", "hi\n"),
            new DisplayOutput(new Dictionary<string, JsonElement> { ["text/plain"] = JsonSerializer.SerializeToElement("42") },
                new FullOutput("/x", 10)),
            new ErrorOutput("CS0103", "The name 'y' does not exist", 1, 5),
        };
        await Store.SaveRunStateAsync(project.Id, cell.Id, new CellRun(CellState.Success, outputs, 3, 12.5), Ct);
        var read = (await Store.GetCellAsync(project.Id, cell.Id, Ct))!;
        Assert.Equal(CellKind.Sql, read.Kind);
        Assert.Equal("SELECT 1", read.Source);
        Assert.True(JsonElement.DeepEquals(config, read.Config!.Value));
        Assert.Equal(CellState.Success, read.Run.State);
        Assert.Equal(3, read.Run.ExecutionCount);
        Assert.Equal(12.5, read.Run.LastRunMs);
        Assert.Equal("hi\n", Assert.IsType<StreamOutput>(read.Run.Outputs[0]).Text);
        Assert.Equal("/x", Assert.IsType<DisplayOutput>(read.Run.Outputs[1]).Full!.Url);
        Assert.Equal(5, Assert.IsType<ErrorOutput>(read.Run.Outputs[2]).Column);
    }

    [Fact]
    public async Task A_cell_edit_based_on_an_old_version_is_refused_and_nothing_is_lost()
    {
        var project = await NewProjectAsync("Editors");
        var cell = await AddCellAsync(project.Id, "var x = 1;", OrderKey.First);
        var first = Assert.IsType<SaveOutcome<CellRecord>.Saved>(await Store.UpdateCellAsync(cell with { Source = "var x = 2;" }, 1, Ct));
        Assert.Equal(2, first.Value.Version);
        var second = Assert.IsType<SaveOutcome<CellRecord>.Stale>(await Store.UpdateCellAsync(cell with { Source = "var x = 3;" }, 1, Ct));
        Assert.Equal("var x = 2;", second.Current.Source);
        Assert.Equal(2, second.Current.Version);
        Assert.IsType<SaveOutcome<CellRecord>.NotFound>(await Store.UpdateCellAsync(cell with { Id = CellId.New() }, 1, Ct));
    }

    [Fact]
    public async Task Run_state_changes_bump_the_revision_but_not_the_version()
    {
        var project = await NewProjectAsync("Revisions");
        var cell = await AddCellAsync(project.Id, "1", OrderKey.First);
        var ran = await Store.SaveRunStateAsync(project.Id, cell.Id, new CellRun(CellState.Running, [], 0, null), Ct);
        Assert.Equal(1, ran!.Version);
        Assert.True(ran.Revision > cell.Revision);
        var soFar = new CellRun(CellState.Running, [new StreamOutput("stdout", "so far\n")], 0, null, "run-1", 2);
        var progress = (await Store.SaveRunStateAsync(project.Id, cell.Id, soFar, Ct))!;
        Assert.Equal(("run-1", 2, "so far\n"), (progress.Run.RunId, progress.Run.OutputSequence, ((StreamOutput)progress.Run.Outputs[0]).Text));
        Assert.Equal(("run-1", 2), ((await Store.GetCellAsync(project.Id, cell.Id, Ct))!.Run.RunId, progress.Run.OutputSequence));
        ran = await Store.SaveRunStateAsync(project.Id, cell.Id, new CellRun(CellState.Running, [], 0, null), Ct);
        Assert.Null(ran!.Run.RunId);
        var edited = Assert.IsType<SaveOutcome<CellRecord>.Saved>(await Store.UpdateCellAsync(ran with { Source = "2" }, 1, Ct)).Value;
        Assert.Equal(CellState.Running, edited.Run.State);
        Assert.True(edited.Revision > ran.Revision);
        Assert.Null(await Store.SaveRunStateAsync(project.Id, CellId.New(), CellRun.Idle, Ct));
    }

    [Fact]
    public async Task Setting_states_changes_only_cells_in_another_state_and_keeps_outputs()
    {
        var project = await NewProjectAsync("States");
        var a = await AddCellAsync(project.Id, "a", OrderKey.First);
        var b = await AddCellAsync(project.Id, "b", OrderKey.Between(OrderKey.First, null));
        await Store.SaveRunStateAsync(project.Id, a.Id, new CellRun(CellState.Success, [new StreamOutput("stdout", "a")], 1, 1), Ct);
        await Store.SetStatesAsync(project.Id, [b.Id], CellState.Stale, Ct);
        var changed = await Store.SetStatesAsync(project.Id, [a.Id, b.Id], CellState.Stale, Ct);
        var only = Assert.Single(changed);
        Assert.Equal(a.Id, only.Id);
        Assert.Equal(CellState.Stale, only.Run.State);
        Assert.Single(only.Run.Outputs);
    }

    [Fact]
    public async Task Deleted_cells_are_gone()
    {
        var project = await NewProjectAsync("Delete");
        var cell = await AddCellAsync(project.Id, "x", OrderKey.First);
        Assert.True(await Store.DeleteCellAsync(project.Id, cell.Id, Ct));
        Assert.Null(await Store.GetCellAsync(project.Id, cell.Id, Ct));
        Assert.False(await Store.DeleteCellAsync(project.Id, cell.Id, Ct));
    }

    [Fact]
    public async Task Run_history_keeps_the_newest_twenty_runs_per_cell_newest_first()
    {
        var project = await NewProjectAsync("History");
        var cell = await AddCellAsync(project.Id, "x", OrderKey.First);
        var other = await AddCellAsync(project.Id, "y", OrderKey.Between(OrderKey.First, null));
        for (var i = 0; i < 25; i++) await Store.AppendRunAsync(Run(cell, $"r{i}"), Ct);
        await Store.AppendRunAsync(Run(other, "o"), Ct);
        var runs = await Store.ListRunsAsync(project.Id, cell.Id, Ct);
        Assert.Equal(RunHistory.Depth, runs.Count);
        Assert.Equal("r24", runs[0].RunId);
        Assert.Equal("r5", runs[^1].RunId);
        Assert.Equal("o", Assert.Single(await Store.ListRunsAsync(project.Id, other.Id, Ct)).RunId);
    }

    [Fact]
    public async Task A_lock_is_set_only_over_the_expected_holder_bumps_the_version_and_survives_edits()
    {
        var project = await NewProjectAsync("Locks");
        var cell = await AddCellAsync(project.Id, "x", OrderKey.First);
        var ada = new CellLock("ada-id", "Ada", Now);
        var locked = Assert.IsType<SaveOutcome<CellRecord>.Saved>(await Store.SetLockAsync(project.Id, cell.Id, ada, null, Ct)).Value;
        Assert.Equal((ada, 2L, 2L), (locked.Lock, locked.Version, locked.Revision));
        var taken = Assert.IsType<SaveOutcome<CellRecord>.Stale>(await Store.SetLockAsync(project.Id, cell.Id, ada with { UserId = "bob-id" }, null, Ct));
        Assert.Equal(ada, taken.Current.Lock);

        var edited = Assert.IsType<SaveOutcome<CellRecord>.Saved>(await Store.UpdateCellAsync(locked with { Source = "y", Lock = null }, 2, Ct)).Value;
        Assert.Equal(ada, edited.Lock);
        await Store.SaveRunStateAsync(project.Id, cell.Id, CellRun.Idle with { ExecutionCount = 1 }, Ct);
        Assert.Equal(ada, (await Store.ListCellsAsync(project.Id, Ct)).Single().Lock);

        Assert.IsType<SaveOutcome<CellRecord>.Stale>(await Store.SetLockAsync(project.Id, cell.Id, null, "bob-id", Ct));
        var unlocked = Assert.IsType<SaveOutcome<CellRecord>.Saved>(await Store.SetLockAsync(project.Id, cell.Id, null, "ada-id", Ct)).Value;
        Assert.Null(unlocked.Lock);
        Assert.Null((await Store.GetCellAsync(project.Id, cell.Id, Ct))!.Lock);
        Assert.IsType<SaveOutcome<CellRecord>.NotFound>(await Store.SetLockAsync(project.Id, CellId.New(), ada, null, Ct));
    }

    [Fact]
    public async Task A_cell_added_with_a_lock_keeps_it()
    {
        var project = await NewProjectAsync("Restored lock");
        var ada = new CellLock("ada-id", "Ada", Now.AddHours(-3));
        var added = Assert.IsType<SaveOutcome<CellRecord>.Saved>(
            await Store.AddCellAsync(Cell(project.Id, "x", OrderKey.First) with { Lock = ada }, Ct)).Value;
        Assert.Equal(ada, added.Lock);
        Assert.Equal(ada, (await Store.GetCellAsync(project.Id, added.Id, Ct))!.Lock);
    }

    private async Task<ProjectRecord> NewProjectAsync(string name) =>
        Assert.IsType<SaveOutcome<ProjectRecord>.Saved>(
            await Store.CreateProjectAsync(new ProjectRecord(ProjectId.New(), name, true, 0, Now, Now, Workspace), Ct)).Value;

    private async Task<CellRecord> AddCellAsync(ProjectId projectId, string source, OrderKey order) =>
        Assert.IsType<SaveOutcome<CellRecord>.Saved>(await Store.AddCellAsync(Cell(projectId, source, order), Ct)).Value;

    private static CellRecord Cell(ProjectId projectId, string source, OrderKey order) =>
        new(projectId, CellId.New(), CellKind.Code, source, null, order, 1, 1, CellRun.Idle, Now);

    private static RunRecord Run(CellRecord cell, string runId) =>
        new(cell.ProjectId, runId, cell.Id, "requested", "success", Now, 1.5, cell.Source, [new StreamOutput("stdout", runId)]);
}
