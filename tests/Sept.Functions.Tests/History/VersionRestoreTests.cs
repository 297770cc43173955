using System.Net;
using System.Net.Http.Json;
using Sept.Functions.Cells;
using Sept.Functions.Comments;
using Sept.Functions.History;
using Sept.Functions.Realtime;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.History;

/// <summary>Restoring versions through the HTTP API: cells, ids, order, undo, observers, concurrent edits, a run in progress.</summary>
public sealed class VersionRestoreTests : HistoryApiTest
{
    [Fact]
    public async Task Restoring_brings_back_deleted_cells_with_their_ids_and_removes_newer_ones()
    {
        var project = await Api.CreateProjectAsync("restore", reactive: false);
        var a = await Api.AddCellAsync(project.Id, "code", "var a = 1;");
        var b = await Api.AddCellAsync(project.Id, "code", "var b = a + 1;");
        var c = await Api.AddCellAsync(project.Id, "markdown", "# notes");
        var version = await Versions.SaveAsync(project.Id, "three cells");

        Assert.Equal(HttpStatusCode.NoContent, (await Api.Http.DeleteAsync($"/api/projects/{project.Id}/cells/{b.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.PatchCellAsync(project.Id, a.Id, a.Version, new { source = "var a = 100;" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Http.PostAsJsonAsync($"/api/projects/{project.Id}/cells/{c.Id}/move", new { afterCellId = (string?)null })).StatusCode);
        var extra = await Api.AddCellAsync(project.Id, "code", "var extra = 9;");
        var seen = App.Realtime.EventsOf(ProjectId.Parse(project.Id)).Count;

        var restored = await Versions.RestoreAsync(project.Id, version.Id);
        var cells = restored.Project.Cells!;
        Assert.Equal([(a.Id, "var a = 1;", a.Order), (b.Id, "var b = a + 1;", b.Order), (c.Id, "# notes", c.Order)],
            cells.Select(x => (x.Id, x.Source, x.Order)));
        Assert.Equal(cells, (await Api.GetProjectAsync(project.Id)).Cells!.ToList(), CellComparer);
        // The edited cell moved on to a new version; the returning one starts again.
        Assert.Equal(3, cells[0].Version);
        Assert.Equal(1, cells[1].Version);
        Assert.Empty(cells[1].Problems);
        Assert.DoesNotContain(cells, x => x.Id == extra.Id);
        Assert.All((await Versions.DiffAsync(project.Id, version.Id)).Cells, x => Assert.Equal(CellChange.Unchanged, x.Change));

        var undo = (await Versions.ListAsync(project.Id))[0];
        Assert.Equal((restored.UndoVersionId, VersionKind.Restore, "Before restoring \"three cells\"", 3), (undo.Id, undo.Kind, undo.Name, undo.CellCount));

        // Per-cell data follows: the removed cell's data goes, restored and changed cells are saved.
        var calls = App.Observer.CallsOf(ProjectId.Parse(project.Id)).SkipWhile(x => !(x.What == "saved" && x.Cell == CellId.Parse(extra.Id))).Skip(1).ToList();
        Assert.Equal([("deleted", extra.Id), ("saved", a.Id), ("saved", b.Id), ("saved", c.Id)], calls.Select(x => (x.What, x.Cell.ToString())));
        var changed = Assert.Single(App.Realtime.EventsOf(ProjectId.Parse(project.Id)).Skip(seen).OfType<ProjectChanged>());
        Assert.Equal([a.Id, b.Id, c.Id], changed.Project.Cells!.Select(x => x.Id));
    }

    [Fact]
    public async Task Restoring_the_undo_version_gives_back_exactly_the_cells_from_before_the_restore()
    {
        var project = await Api.CreateProjectAsync("undo", reactive: false);
        var a = await Api.AddCellAsync(project.Id, "code", "var a = 1;");
        await Api.AddCellAsync(project.Id, "input", "", config: new { name = "n", type = "number", value = 3 });
        var version = await Versions.SaveAsync(project.Id, "early");
        Assert.Equal(HttpStatusCode.OK, (await Api.PatchCellAsync(project.Id, a.Id, a.Version, new { source = "var a = 2;\nvar z = 0;" })).StatusCode);
        await Api.AddCellAsync(project.Id, "sql", "SELECT 1 AS one", afterCellId: a.Id, config: new { resultName = "ones" });
        await Api.AddCellAsync(project.Id, "chart", "", config: new { data = "ones", mark = "bar", x = "one", y = "one" });
        var beforeRestore = Content((await Api.GetProjectAsync(project.Id)).Cells!);

        var restored = await Versions.RestoreAsync(project.Id, version.Id);
        Assert.NotEqual(beforeRestore, Content(restored.Project.Cells!));
        var undone = await Versions.RestoreAsync(project.Id, restored.UndoVersionId);

        Assert.Equal(beforeRestore, Content(undone.Project.Cells!));
        Assert.Equal(beforeRestore, Content((await Api.GetProjectAsync(project.Id)).Cells!));
        // Undoing is itself undoable.
        Assert.Equal($"Before restoring \"Before restoring \"early\"\"", (await Versions.ListAsync(project.Id))[0].Name);
    }

    [Fact]
    public async Task Comments_stay_on_cells_the_restore_changes_and_go_with_cells_it_removes()
    {
        var project = await Api.CreateProjectAsync("comments", reactive: false);
        var kept = await Api.AddCellAsync(project.Id, "code", "var a = 1;");
        var version = await Versions.SaveAsync(project.Id, "one cell");
        Assert.Equal(HttpStatusCode.OK, (await Api.PatchCellAsync(project.Id, kept.Id, kept.Version, new { source = "var a = 2;" })).StatusCode);
        var removed = await Api.AddCellAsync(project.Id, "code", "var b = 2;");
        foreach (var cell in new[] { kept, removed })
            Assert.Equal(HttpStatusCode.Created,
                (await Api.Http.PostAsJsonAsync($"/api/projects/{project.Id}/comments", new { cellId = cell.Id, body = $"about {cell.Id}" })).StatusCode);

        await Versions.RestoreAsync(project.Id, version.Id);
        var threads = (await Api.Http.GetFromJsonAsync<ThreadDto[]>($"/api/projects/{project.Id}/comments", ApiClient.Json))!;
        Assert.Equal([kept.Id], threads.Select(t => t.CellId));
    }

    [Fact]
    public async Task An_editor_holding_a_cell_from_before_the_restore_gets_412_on_the_next_save()
    {
        var project = await Api.CreateProjectAsync("concurrent", reactive: false);
        var a = await Api.AddCellAsync(project.Id, "code", "var a = 1;");
        var version = await Versions.SaveAsync(project.Id, "one");
        var edited = await Api.PatchCellAsync(project.Id, a.Id, a.Version, new { source = "var a = 2;" });
        var held = (await edited.Content.ReadFromJsonAsync<CellDto>(ApiClient.Json))!;

        await Versions.RestoreAsync(project.Id, version.Id);
        var late = await Api.PatchCellAsync(project.Id, a.Id, held.Version, new { source = "var a = 3;" });
        Assert.Equal(HttpStatusCode.PreconditionFailed, late.StatusCode);
        Assert.Equal("var a = 1;", (await Api.GetProjectAsync(project.Id)).Cells!.Single().Source);
    }

    [Fact]
    public async Task A_restore_takes_one_restore_version_and_no_auto_version_even_when_one_is_due()
    {
        var project = await Api.CreateProjectAsync("no auto", reactive: false);
        var a = await Api.AddCellAsync(project.Id, "code", "var a = 1;");
        var version = await Versions.SaveAsync(project.Id, "one");
        await Api.AddCellAsync(project.Id, "code", "var b = 2;");
        App.Clock.Advance(TimeSpan.FromMinutes(30));
        var before = await Versions.ListAsync(project.Id);

        await Versions.RestoreAsync(project.Id, version.Id);
        var after = await Versions.ListAsync(project.Id);
        var added = Assert.Single(after.ExceptBy(before.Select(v => v.Id), v => v.Id));
        Assert.Equal((VersionKind.Restore, 2), (added.Kind, added.CellCount));
        Assert.Equal(a.Id, Assert.Single((await Api.GetProjectAsync(project.Id)).Cells!).Id);
    }

    [Fact]
    public async Task A_run_in_progress_skips_removed_cells_and_runs_the_others_with_their_restored_source()
    {
        var project = await Api.CreateProjectAsync("running", reactive: false);
        var gate = await Api.AddCellAsync(project.Id, "code", "var g = 1; // gate");
        var h = await Api.AddCellAsync(project.Id, "code", "var h = 1;");
        var version = await Versions.SaveAsync(project.Id, "gate and h");
        Assert.Equal(HttpStatusCode.OK, (await Api.PatchCellAsync(project.Id, h.Id, h.Version, new { source = "var h = 2;" })).StatusCode);
        var k = await Api.AddCellAsync(project.Id, "code", "var k = 3;");
        var id = ProjectId.Parse(project.Id);

        var run = await Api.RunAsync(project.Id, "all");
        Assert.Equal([gate.Id, h.Id, k.Id], run.CellIds);
        await App.Realtime.WaitForAsync<CellUpdated>(id, e => e.Cell.Id == gate.Id && e.Cell.State == "running");
        await Versions.RestoreAsync(project.Id, version.Id);
        App.Kernel.Gate.SetResult();
        await App.Realtime.WaitForAsync<RunFinished>(id, f => f.RunId == run.RunId);

        Assert.Equal(["var g = 1; // gate", "var h = 1;"], App.Kernel.Executed(id).Select(r => r.Source));
        var cells = (await Api.GetProjectAsync(project.Id)).Cells!;
        Assert.Equal([(gate.Id, "success"), (h.Id, "success")], cells.Select(c => (c.Id, c.State)));
        Assert.Equal("ran var h = 1;\n", cells[1].Outputs.OfType<Sept.Functions.Storage.StreamOutput>().Single().Text);
    }

    private static List<(string Id, string Kind, string Source, string? Config, string Order)> Content(IEnumerable<CellDto> cells) =>
        [.. cells.Select(c => (c.Id, c.Kind, c.Source, c.Config?.GetRawText(), c.Order))];

    private static readonly IEqualityComparer<CellDto> CellComparer =
        EqualityComparer<CellDto>.Create((x, y) => (x!.Id, x.Source, x.Order, x.Version) == (y!.Id, y.Source, y.Order, y.Version));
}
