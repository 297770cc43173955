using System.Text.Json;
using Sept.Functions.History;
using Sept.Functions.Identity;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Storage;

/// <summary>What every <see cref="IVersionStore"/> must do. Derive once per implementation.</summary>
public abstract class VersionStoreContract
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SeptUser Ada = new("u-ada", "Ada", "ada@example.com");

    protected abstract IVersionStore Versions { get; }

    protected abstract IProjectStore Projects { get; }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_saved_version_reads_back_with_its_cells_in_order_and_author()
    {
        var project = await NewProjectAsync();
        var config = JsonSerializer.SerializeToElement(new { name = "n", value = 3 });
        var cells = new[]
        {
            new VersionCell(CellId.New(), CellKind.Code, "var a = 1;\nvar b = 2;", null, OrderKey.First,
                new CellLock("ada-id", "Ada", Start.AddMinutes(-1))),
            new VersionCell(CellId.New(), CellKind.Input, "", config, OrderKey.Between(OrderKey.First, null)),
        };
        var version = Version(project, "first", VersionKind.Manual, Start, cells);
        var saved = Assert.IsType<VersionSaveOutcome.Saved>(await Versions.SaveAsync(version, Ct));
        Assert.Equal(2, saved.Summary.CellCount);

        var read = await Versions.GetAsync(project, version.Summary.Id, Ct);
        Assert.NotNull(read);
        Assert.Equal(version.Summary, read.Summary);
        Assert.Equal(("Versioned", true), (read.Snapshot.ProjectName, read.Snapshot.Reactive));
        Assert.Equal(cells.Select(c => (c.Id, c.Kind, c.Source, c.Order)), read.Snapshot.Cells.Select(c => (c.Id, c.Kind, c.Source, c.Order)));
        Assert.Null(read.Snapshot.Cells[0].Config);
        Assert.True(JsonElement.DeepEquals(config, read.Snapshot.Cells[1].Config!.Value));
        Assert.Equal([cells[0].Lock, null], read.Snapshot.Cells.Select(c => c.Lock));
    }

    [Fact]
    public async Task Versions_are_listed_newest_first_without_cells_and_only_for_their_project()
    {
        var project = await NewProjectAsync();
        var other = await NewProjectAsync();
        var older = Version(project, "older", VersionKind.Manual, Start, [Cell("1")]);
        var newer = Version(project, null, VersionKind.Auto, Start.AddMinutes(5), [Cell("1"), Cell("2")]);
        var elsewhere = Version(other, "elsewhere", VersionKind.Manual, Start.AddMinutes(9), [Cell("x")]);
        foreach (var v in new[] { older, newer, elsewhere }) await Versions.SaveAsync(v, Ct);

        var listed = await Versions.ListAsync(project, Ct);
        Assert.Equal([newer.Summary.Id, older.Summary.Id], listed.Select(v => v.Id));
        Assert.Equal([2, 1], listed.Select(v => v.CellCount));
        Assert.Equal([null, "older"], listed.Select(v => v.Name));
        Assert.Equal([VersionKind.Auto, VersionKind.Manual], listed.Select(v => v.Kind));
        Assert.All(listed, v => Assert.Equal(Ada, v.Author));
        Assert.Equal(Start.AddMinutes(5), await Versions.NewestAtAsync(project, Ct));
    }

    [Fact]
    public async Task Unknown_versions_and_projects_read_as_nothing()
    {
        var project = await NewProjectAsync();
        Assert.Null(await Versions.GetAsync(project, ProjectVersion.NewId(), Ct));
        Assert.Empty(await Versions.ListAsync(project, Ct));
        Assert.Null(await Versions.NewestAtAsync(project, Ct));
        var missing = ProjectId.New();
        Assert.IsType<VersionSaveOutcome.ProjectMissing>(await Versions.SaveAsync(Version(missing, "x", VersionKind.Manual, Start, []), Ct));
        Assert.Empty(await Versions.ListAsync(missing, Ct));
    }

    [Fact]
    public async Task A_version_of_another_project_is_not_found_by_id()
    {
        var project = await NewProjectAsync();
        var other = await NewProjectAsync();
        var version = Version(project, "mine", VersionKind.Manual, Start, [Cell("1")]);
        await Versions.SaveAsync(version, Ct);
        Assert.Null(await Versions.GetAsync(other, version.Summary.Id, Ct));
    }

    [Fact]
    public async Task Pruning_keeps_the_newest_and_drops_the_oldest_auto_versions_first()
    {
        var project = await NewProjectAsync();
        var kinds = new[] { VersionKind.Manual, VersionKind.Auto, VersionKind.Restore, VersionKind.Auto, VersionKind.Manual, VersionKind.Auto };
        var saved = new List<ProjectVersion>();
        for (var i = 0; i < kinds.Length; i++)
        {
            var version = Version(project, $"v{i}", kinds[i], Start.AddMinutes(i), [Cell($"{i}")]);
            await Versions.SaveAsync(version, Ct);
            saved.Add(version);
        }
        // 6 versions, keep 2: the newest (v5, auto) stays; the older autos go first (v1, v3), then the oldest others (v0, v2).
        Assert.Equal(4, await Versions.PruneAsync(project, 2, Ct));
        Assert.Equal(["v5", "v4"], (await Versions.ListAsync(project, Ct)).Select(v => v.Name));
        Assert.Null(await Versions.GetAsync(project, saved[1].Summary.Id, Ct));
        Assert.Equal(0, await Versions.PruneAsync(project, 2, Ct));
    }

    [Fact]
    public async Task Pruning_within_the_limit_prefers_dropping_old_autos_over_newer_manual_versions()
    {
        var project = await NewProjectAsync();
        await Versions.SaveAsync(Version(project, "manual-old", VersionKind.Manual, Start, []), Ct);
        await Versions.SaveAsync(Version(project, "auto-mid", VersionKind.Auto, Start.AddMinutes(1), []), Ct);
        await Versions.SaveAsync(Version(project, "manual-new", VersionKind.Manual, Start.AddMinutes(2), []), Ct);
        Assert.Equal(1, await Versions.PruneAsync(project, 2, Ct));
        Assert.Equal(["manual-new", "manual-old"], (await Versions.ListAsync(project, Ct)).Select(v => v.Name));
    }

    [Fact]
    public async Task Deleting_the_project_deletes_its_versions()
    {
        var project = await NewProjectAsync();
        var version = Version(project, "gone", VersionKind.Manual, Start, [Cell("1")]);
        await Versions.SaveAsync(version, Ct);
        Assert.True(await Projects.DeleteProjectAsync(project, Ct));
        Assert.Empty(await Versions.ListAsync(project, Ct));
        Assert.Null(await Versions.GetAsync(project, version.Summary.Id, Ct));
    }

    [Fact]
    public async Task A_snapshot_larger_than_a_cosmos_item_round_trips()
    {
        var project = await NewProjectAsync();
        // Three cells of ~0.9 MB: 2.7 MB of sources, more than one 2 MB Cosmos item holds.
        var cells = Enumerable.Range(0, 3).Select(i => new VersionCell(CellId.New(), CellKind.Markdown, new string((char)('a' + i), 900_000), null,
            OrderKey.Parse(((char)('B' + i)).ToString()))).ToList();
        var version = Version(project, "big", VersionKind.Manual, Start, cells);
        Assert.IsType<VersionSaveOutcome.Saved>(await Versions.SaveAsync(version, Ct));
        var read = await Versions.GetAsync(project, version.Summary.Id, Ct);
        Assert.Equal(cells.Select(c => (c.Id, c.Source)), read!.Snapshot.Cells.Select(c => (c.Id, c.Source)));
        Assert.Equal(3, Assert.Single(await Versions.ListAsync(project, Ct)).CellCount);
        await Versions.SaveAsync(Version(project, "small", VersionKind.Manual, Start.AddMinutes(1), [Cell("1")]), Ct);
        Assert.Equal(1, await Versions.PruneAsync(project, 1, Ct));
        Assert.Null(await Versions.GetAsync(project, version.Summary.Id, Ct));
    }

    private async Task<ProjectId> NewProjectAsync()
    {
        var saved = Assert.IsType<SaveOutcome<ProjectRecord>.Saved>(
            await Projects.CreateProjectAsync(new ProjectRecord(ProjectId.New(), "Versioned", true, 0, Start, Start, WorkspaceIds.New()), Ct));
        return saved.Value.Id;
    }

    private static VersionCell Cell(string source) => new(CellId.New(), CellKind.Code, source, null, OrderKey.First);

    private static ProjectVersion Version(ProjectId project, string? name, VersionKind kind, DateTimeOffset at, IReadOnlyList<VersionCell> cells) =>
        new(new VersionSummary(project, ProjectVersion.NewId(), name, kind, Ada, at, cells.Count), new VersionSnapshot("Versioned", true, cells));
}
