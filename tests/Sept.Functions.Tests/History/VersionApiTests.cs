using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sept.Functions.Cells;
using Sept.Functions.History;
using Sept.Functions.Identity;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.History;

/// <summary>Saving, listing, viewing and diffing versions through the HTTP API (real SQLite).</summary>
public sealed class VersionApiTests : HistoryApiTest
{
    [Fact]
    public async Task A_saved_version_is_listed_newest_first_and_shows_its_cells()
    {
        var project = await Api.CreateProjectAsync("Sales", reactive: false);
        var a = await Api.AddCellAsync(project.Id, "code", "var a = 1;");
        var b = await Api.AddCellAsync(project.Id, "input", "", config: new { name = "n", type = "number", value = 3 });
        App.Clock.Advance(TimeSpan.FromMinutes(1));

        var saved = await Versions.SaveAsync(project.Id, "  before the big change ");
        Assert.Equal(("before the big change", VersionKind.Manual, 2), (saved.Name, saved.Kind, saved.CellCount));
        Assert.Equal(SeptUser.Local, saved.Author);
        Assert.Equal(App.Clock.GetUtcNow(), saved.CreatedAt);

        // The first cell added took an auto version (there was none); the manual one is newer.
        var listed = await Versions.ListAsync(project.Id);
        Assert.Equal([(saved.Id, VersionKind.Manual), (listed[1].Id, VersionKind.Auto)], listed.Select(v => (v.Id, v.Kind)));
        Assert.Equal(1, listed[1].CellCount);

        var version = await Versions.GetAsync(project.Id, saved.Id);
        Assert.Equal(("Sales", false), (version.ProjectName, version.Reactive));
        Assert.Equal([(a.Id, "code", "var a = 1;", a.Order), (b.Id, "input", "", b.Order)],
            version.Cells.Select(c => (c.Id, c.Kind, c.Source, c.Order)));
        Assert.Equal(3, version.Cells[1].Config!.Value.GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task Bad_names_are_400_and_unknown_versions_404()
    {
        var project = await Api.CreateProjectAsync();
        foreach (var name in new[] { "", "   ", new string('n', VersionLimits.MaxNameLength + 1) })
        {
            var response = await Api.Http.PostAsJsonAsync($"/api/projects/{project.Id}/versions", new { name });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await Api.Http.PostAsJsonAsync($"/api/projects/{project.Id}/versions", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Created,
            (await Api.Http.PostAsJsonAsync($"/api/projects/{project.Id}/versions", new { name = new string('n', VersionLimits.MaxNameLength) })).StatusCode);

        foreach (var id in new[] { Guid.NewGuid().ToString("N"), "not-a-version", Guid.NewGuid().ToString("N").ToUpperInvariant() })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Api.Http.GetAsync($"/api/projects/{project.Id}/versions/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Api.Http.GetAsync($"/api/projects/{project.Id}/versions/{id}/diff")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await Api.Http.PostAsync($"/api/projects/{project.Id}/versions/{id}/restore", null)).StatusCode);
        }
        var unknownProject = ProjectId.New();
        Assert.Equal(HttpStatusCode.NotFound, (await Api.Http.GetAsync($"/api/projects/{unknownProject}/versions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await Api.Http.PostAsJsonAsync($"/api/projects/{unknownProject}/versions", new { name = "x" })).StatusCode);
    }

    [Fact]
    public async Task A_version_of_another_project_is_not_found_there()
    {
        var mine = await Api.CreateProjectAsync("mine");
        var other = await Api.CreateProjectAsync("other");
        var saved = await Versions.SaveAsync(mine.Id, "mine");
        Assert.Equal(HttpStatusCode.NotFound, (await Api.Http.GetAsync($"/api/projects/{other.Id}/versions/{saved.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.Http.PostAsync($"/api/projects/{other.Id}/versions/{saved.Id}/restore", null)).StatusCode);
    }

    [Fact]
    public async Task The_diff_shows_added_removed_changed_moved_and_unchanged_cells_in_order_with_line_changes()
    {
        var project = await Api.CreateProjectAsync("diff", reactive: false);
        var a = await Api.AddCellAsync(project.Id, "code", "var a = 1;\nvar b = 2;\nvar c = 3;");
        var b = await Api.AddCellAsync(project.Id, "code", "var gone = 0;");
        var c = await Api.AddCellAsync(project.Id, "markdown", "# Title");
        var d = await Api.AddCellAsync(project.Id, "input", "", config: new { name = "n", type = "number", value = 3 });
        var f = await Api.AddCellAsync(project.Id, "code", "var f = 6;");
        var version = await Versions.SaveAsync(project.Id, "base");

        Assert.Equal(HttpStatusCode.OK, (await Api.PatchCellAsync(project.Id, a.Id, a.Version, new { source = "var a = 1;\nvar b = 20;\nvar c = 3;" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Http.DeleteAsync($"/api/projects/{project.Id}/cells/{b.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Http.PostAsJsonAsync($"/api/projects/{project.Id}/cells/{f.Id}/move", new { afterCellId = (string?)null })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.PatchCellAsync(project.Id, d.Id, d.Version, new { config = new { name = "n", type = "number", value = 4 } })).StatusCode);
        var e = await Api.AddCellAsync(project.Id, "code", "var e = 5;");

        var diff = await Versions.DiffAsync(project.Id, version.Id);
        Assert.Equal([(f.Id, CellChange.Moved), (a.Id, CellChange.Changed), (b.Id, CellChange.Removed), (c.Id, CellChange.Unchanged),
            (d.Id, CellChange.Changed), (e.Id, CellChange.Added)], diff.Cells.Select(x => (x.CellId, x.Change)));
        var changed = diff.Cells[1];
        Assert.Equal([(" ", "var a = 1;"), ("-", "var b = 2;"), ("+", "var b = 20;"), (" ", "var c = 3;")], changed.Lines!.Select(l => (l.Op, l.Text)));
        Assert.Equal(("var a = 1;\nvar b = 2;\nvar c = 3;", "var a = 1;\nvar b = 20;\nvar c = 3;"), (changed.Before!.Source, changed.After!.Source));
        var removed = diff.Cells[2];
        Assert.Equal(("var gone = 0;", null, "code"), (removed.Before!.Source, removed.After, removed.Kind));
        var config = diff.Cells[4];
        Assert.Null(config.Lines);
        Assert.Equal((3, 4), (config.Before!.Config!.Value.GetProperty("value").GetInt32(), config.After!.Config!.Value.GetProperty("value").GetInt32()));
        var added = diff.Cells[5];
        Assert.Equal((null, "var e = 5;"), (added.Before, added.After!.Source));
        Assert.NotEqual(diff.Cells[0].Before!.Order, diff.Cells[0].After!.Order);

        // On the wire: lowercase change names, ops as text.
        var raw = await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{project.Id}/versions/{version.Id}/diff");
        Assert.Equal("moved", raw.GetProperty("cells")[0].GetProperty("change").GetString());
        Assert.Equal("-", raw.GetProperty("cells")[1].GetProperty("lines")[1].GetProperty("op").GetString());
    }

    [Fact]
    public async Task Versions_are_listed_with_lowercase_kinds_and_the_author_on_the_wire()
    {
        var project = await Api.CreateProjectAsync();
        await Versions.SaveAsync(project.Id, "named");
        var raw = await Api.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{project.Id}/versions");
        var first = raw[0];
        Assert.Equal("manual", first.GetProperty("kind").GetString());
        Assert.Equal("local@localhost", first.GetProperty("author").GetProperty("email").GetString());
        Assert.Equal(0, first.GetProperty("cellCount").GetInt32());
        Assert.False(first.TryGetProperty("cells", out _));
    }

    [Fact]
    public async Task A_project_keeps_200_versions_and_the_oldest_auto_version_goes_first()
    {
        var project = await Api.CreateProjectAsync("many");
        await Api.AddCellAsync(project.Id, "code", "var a = 1;");
        var auto = Assert.Single(await Versions.ListAsync(project.Id));
        var manual = new List<string>();
        for (var i = 0; i < VersionLimits.PerProject; i++)
        {
            App.Clock.Advance(TimeSpan.FromSeconds(1));
            manual.Add((await Versions.SaveAsync(project.Id, $"v{i}")).Id);
        }
        var listed = await Versions.ListAsync(project.Id);
        Assert.Equal(VersionLimits.PerProject, listed.Length);
        Assert.DoesNotContain(listed, v => v.Id == auto.Id);

        App.Clock.Advance(TimeSpan.FromSeconds(1));
        await Versions.SaveAsync(project.Id, "one more");
        listed = await Versions.ListAsync(project.Id);
        Assert.Equal(VersionLimits.PerProject, listed.Length);
        Assert.Equal(("one more", manual[1]), (listed[0].Name, listed[^1].Id));
    }
}
