using System.Net;
using System.Net.Http.Json;
using Sept.Functions.History;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.History;

/// <summary>Auto versions while editing, on a clock the test moves (default interval 10 minutes).</summary>
public sealed class AutoVersionTests : HistoryApiTest
{
    [Fact]
    public async Task Edits_within_ten_minutes_take_one_auto_version_and_a_later_edit_another()
    {
        var project = await Api.CreateProjectAsync("auto", reactive: false);
        Assert.Empty(await Versions.ListAsync(project.Id));

        var a = await Api.AddCellAsync(project.Id, "code", "var a = 1;");
        var first = Assert.Single(await Versions.ListAsync(project.Id));
        Assert.Equal((VersionKind.Auto, null, 1), (first.Kind, first.Name, first.CellCount));
        Assert.Equal("var a = 1;", Assert.Single((await Versions.GetAsync(project.Id, first.Id)).Cells).Source);

        App.Clock.Advance(TimeSpan.FromMinutes(4));
        var b = await Api.AddCellAsync(project.Id, "code", "var b = a;");
        App.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(HttpStatusCode.OK, (await Api.PatchCellAsync(project.Id, a.Id, a.Version, new { source = "var a = 2;" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Http.PostAsJsonAsync($"/api/projects/{project.Id}/cells/{b.Id}/move", new { afterCellId = (string?)null })).StatusCode);
        Assert.Single(await Versions.ListAsync(project.Id));

        // Ten minutes after the first one: the next edit takes a version of the cells after that edit.
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Http.DeleteAsync($"/api/projects/{project.Id}/cells/{b.Id}")).StatusCode);
        var listed = await Versions.ListAsync(project.Id);
        Assert.Equal([VersionKind.Auto, VersionKind.Auto], listed.Select(v => v.Kind));
        Assert.Equal(App.Clock.GetUtcNow(), listed[0].CreatedAt);
        Assert.Equal("var a = 2;", Assert.Single((await Versions.GetAsync(project.Id, listed[0].Id)).Cells).Source);

        App.Clock.Advance(TimeSpan.FromMinutes(9));
        await Api.AddCellAsync(project.Id, "code", "var c = 3;");
        Assert.Equal(2, (await Versions.ListAsync(project.Id)).Length);
    }

    [Fact]
    public async Task A_manual_version_counts_as_the_newest_for_the_interval()
    {
        var project = await Api.CreateProjectAsync("manual first", reactive: false);
        await Versions.SaveAsync(project.Id, "by hand");
        App.Clock.Advance(TimeSpan.FromMinutes(9));
        await Api.AddCellAsync(project.Id, "code", "var a = 1;");
        Assert.Equal([VersionKind.Manual], (await Versions.ListAsync(project.Id)).Select(v => v.Kind));
        App.Clock.Advance(TimeSpan.FromMinutes(1));
        await Api.AddCellAsync(project.Id, "code", "var b = 1;");
        Assert.Equal([VersionKind.Auto, VersionKind.Manual], (await Versions.ListAsync(project.Id)).Select(v => v.Kind));
    }
}
