using System.Text.Json;
using Sept.Functions.Schedules;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Storage;

/// <summary>What every <see cref="IScheduleStore"/> must do. Derive once per implementation.</summary>
public abstract class ScheduleStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    protected abstract IScheduleStore Schedules { get; }

    protected abstract IProjectStore Projects { get; }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_schedule_reads_back_as_written_and_is_listed_with_its_project()
    {
        var project = await NewProjectAsync();
        var schedule = Schedule(project, Now.AddMinutes(5)) with
        {
            Inputs = new Dictionary<string, JsonElement> { ["n"] = JsonSerializer.SerializeToElement(7) }, WebhookUrl = "https://hooks.example/x",
        };
        var saved = Assert.IsType<SaveOutcome<ScheduleRecord>.Saved>(await Schedules.CreateAsync(schedule, Ct)).Value;
        Assert.Equal(1, saved.Version);
        var read = (await Schedules.GetAsync(project, schedule.Id, Ct))!;
        Assert.Equal((schedule.Name, schedule.Cron, schedule.TimeZone, ScheduleMode.All, schedule.NextRunAt, "https://hooks.example/x"),
            (read.Name, read.Cron, read.TimeZone, read.Mode, read.NextRunAt, read.WebhookUrl));
        Assert.Equal(7, read.Inputs["n"].GetInt32());
        Assert.Equal([schedule.Id], (await Schedules.ListAsync(project, Ct)).Select(s => s.Id));
        Assert.IsType<SaveOutcome<ScheduleRecord>.NotFound>(await Schedules.CreateAsync(Schedule(ProjectId.New(), Now), Ct));
    }

    [Fact]
    public async Task Only_one_of_two_claims_on_the_same_version_wins()
    {
        var project = await NewProjectAsync();
        var schedule = Assert.IsType<SaveOutcome<ScheduleRecord>.Saved>(await Schedules.CreateAsync(Schedule(project, Now), Ct)).Value;
        var first = await Schedules.UpdateAsync(schedule with { RunningSince = Now }, 1, Ct);
        var second = await Schedules.UpdateAsync(schedule with { RunningSince = Now.AddSeconds(1) }, 1, Ct);
        Assert.Equal(2, Assert.IsType<SaveOutcome<ScheduleRecord>.Saved>(first).Value.Version);
        Assert.Equal(Now, Assert.IsType<SaveOutcome<ScheduleRecord>.Stale>(second).Current.RunningSince);
        Assert.IsType<SaveOutcome<ScheduleRecord>.NotFound>(await Schedules.UpdateAsync(schedule with { Id = ScheduleRecord.NewId() }, 1, Ct));
    }

    [Fact]
    public async Task Due_lists_enabled_schedules_of_every_project_whose_time_has_come()
    {
        var (a, b) = (await NewProjectAsync(), await NewProjectAsync());
        var due = Schedule(a, Now.AddMinutes(-1));
        var exactlyNow = Schedule(b, Now);
        var later = Schedule(a, Now.AddMinutes(1));
        var disabled = Schedule(b, Now.AddMinutes(-5)) with { Enabled = false };
        foreach (var s in new[] { due, exactlyNow, later, disabled }) await Schedules.CreateAsync(s, Ct);
        var listed = (await Schedules.ListDueAsync(Now, Ct)).Select(s => s.Id).ToList();
        Assert.Contains(due.Id, listed);
        Assert.Contains(exactlyNow.Id, listed);
        Assert.DoesNotContain(later.Id, listed);
        Assert.DoesNotContain(disabled.Id, listed);
    }

    [Fact]
    public async Task Runs_are_kept_newest_first_up_to_the_limit_and_go_with_their_schedule()
    {
        var project = await NewProjectAsync();
        var schedule = Assert.IsType<SaveOutcome<ScheduleRecord>.Saved>(await Schedules.CreateAsync(Schedule(project, Now), Ct)).Value;
        for (var i = 0; i < ScheduleLimits.RunsKept + 3; i++)
            await Schedules.AppendRunAsync(new ScheduleRunRecord(project, schedule.Id, $"run{i:D2}", "schedule", Now.AddMinutes(i), 12.5, "success", 1,
                [new ScheduleCellResult(CellId.New().ToString(), "code", "success", 3, [new StreamOutput("stdout", $"r{i}")])]), Ct);
        var runs = await Schedules.ListRunsAsync(project, schedule.Id, Ct);
        Assert.Equal(ScheduleLimits.RunsKept, runs.Count);
        Assert.Equal($"run{ScheduleLimits.RunsKept + 2:D2}", runs[0].Id);
        Assert.Equal("r52", Assert.IsType<StreamOutput>(runs[0].Cells[0].Outputs[0]).Text);
        Assert.True(await Schedules.DeleteAsync(project, schedule.Id, Ct));
        Assert.Empty(await Schedules.ListRunsAsync(project, schedule.Id, Ct));
        Assert.Null(await Schedules.GetAsync(project, schedule.Id, Ct));
        Assert.False(await Schedules.DeleteAsync(project, schedule.Id, Ct));
    }

    private async Task<ProjectId> NewProjectAsync() =>
        Assert.IsType<SaveOutcome<ProjectRecord>.Saved>(await Projects.CreateProjectAsync(
            new ProjectRecord(ProjectId.New(), "Scheduled", true, 0, Now, Now, WorkspaceIds.New()), Ct)).Value.Id;

    private static ScheduleRecord Schedule(ProjectId project, DateTimeOffset next) =>
        new(project, ScheduleRecord.NewId(), "Nightly", "0 7 * * *", "Europe/Berlin", ScheduleMode.All, new Dictionary<string, JsonElement>(),
            60, 1, null, true, "Ada", Now, 0, next);
}

public sealed class SqliteScheduleStoreTests : ScheduleStoreContract, IDisposable
{
    private readonly Support.TempFolder _folder = new();

    public SqliteScheduleStoreTests()
    {
        var database = new Functions.Storage.Sqlite.SqliteDatabase(Path.Combine(_folder.Path, "sept.db"));
        Projects = new Functions.Storage.Sqlite.SqliteProjectStore(database, TimeProvider.System);
        Schedules = new Functions.Storage.Sqlite.SqliteScheduleStore(database);
    }

    protected override IScheduleStore Schedules { get; }

    protected override IProjectStore Projects { get; }

    public void Dispose() => _folder.Dispose();
}

public sealed class CosmosScheduleStoreTests(Support.CosmosEmulatorFixture cosmos) : ScheduleStoreContract, IClassFixture<Support.CosmosEmulatorFixture>
{
    protected override IScheduleStore Schedules { get; } = new Functions.Storage.Cosmos.CosmosScheduleStore(cosmos.Container);

    protected override IProjectStore Projects { get; } = new Functions.Storage.Cosmos.CosmosProjectStore(cosmos.Container, TimeProvider.System);
}
