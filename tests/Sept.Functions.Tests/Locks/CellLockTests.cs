using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sept.Functions.Cells;
using Sept.Functions.Tests.Comments;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Locks;

/// <summary>Cell locks with a team (admin Ada, editor Bob, viewer Vic) on real SQLite, through the HTTP API and the hub.</summary>
public sealed class CellLockTests : IDisposable
{
    private readonly TeamApplication _app = new();

    [Fact]
    public async Task A_locked_cell_refuses_other_editors_with_409_naming_the_holder_until_the_holder_unlocks()
    {
        var (ada, bob) = (_app.As(TeamApplication.Ada), _app.As(TeamApplication.Bob));
        var project = await _app.CreateTeamProjectAsync();
        var cell = await bob.AddCellAsync(project.Id, "code", "var x = 1;");
        var locked = await LockAsync(bob, project.Id, cell.Id);
        Assert.Equal((TeamApplication.Bob.Id, TeamApplication.Bob.Name), (locked.Lock!.UserId, locked.Lock.Name));
        Assert.True(locked.Version > cell.Version, "locking bumps the version, so edits based on the unlocked cell are stale");
        Assert.Equal(HttpStatusCode.OK, (await bob.Http.PutAsync(Url(project.Id, cell.Id), null)).StatusCode);

        var edit = await ada.PatchCellAsync(project.Id, cell.Id, locked.Version, new { source = "var x = 2;" });
        await AssertLockedByAsync(edit, TeamApplication.Bob.Name);
        await AssertLockedByAsync(await ada.Http.PostAsJsonAsync($"/api/projects/{project.Id}/cells/{cell.Id}/move", new { afterCellId = (string?)null }),
            TeamApplication.Bob.Name);
        await AssertLockedByAsync(await ada.Http.DeleteAsync($"/api/projects/{project.Id}/cells/{cell.Id}"), TeamApplication.Bob.Name);
        await AssertLockedByAsync(await ada.Http.PutAsync(Url(project.Id, cell.Id), null), TeamApplication.Bob.Name);
        Assert.Equal("var x = 1;", (await ada.GetProjectAsync(project.Id)).Cells!.Single().Source);

        var own = await bob.PatchCellAsync(project.Id, cell.Id, locked.Version, new { source = "var x = 3;" });
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var edited = (await own.Content.ReadFromJsonAsync<CellDto>(ApiClient.Json))!;
        Assert.Equal(TeamApplication.Bob.Id, edited.Lock?.UserId);

        var unlocked = await bob.Http.DeleteAsync(Url(project.Id, cell.Id));
        Assert.Equal(HttpStatusCode.OK, unlocked.StatusCode);
        Assert.Null((await unlocked.Content.ReadFromJsonAsync<CellDto>(ApiClient.Json))!.Lock);
        Assert.Equal(HttpStatusCode.OK, (await ada.PatchCellAsync(project.Id, cell.Id, edited.Version + 1, new { source = "var x = 4;" })).StatusCode);
    }

    [Fact]
    public async Task Only_the_holder_or_an_admin_unlocks_and_viewers_cannot_lock()
    {
        var (ada, bob, vic) = (_app.As(TeamApplication.Ada), _app.As(TeamApplication.Bob), _app.As(TeamApplication.Vic));
        var project = await _app.CreateTeamProjectAsync();
        var cell = await ada.AddCellAsync(project.Id, "code", "var x = 1;");
        await LockAsync(ada, project.Id, cell.Id);
        var byBob = await bob.Http.DeleteAsync(Url(project.Id, cell.Id));
        Assert.Equal(HttpStatusCode.Forbidden, byBob.StatusCode);
        Assert.Contains(TeamApplication.Ada.Name, await byBob.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await vic.Http.PutAsync(Url(project.Id, cell.Id), null)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await ada.Http.DeleteAsync(Url(project.Id, cell.Id))).StatusCode);
        await LockAsync(bob, project.Id, cell.Id);
        var byAdmin = await ada.Http.DeleteAsync(Url(project.Id, cell.Id));
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.Null((await ada.GetProjectAsync(project.Id)).Cells!.Single().Lock);
    }

    [Fact]
    public async Task A_locked_input_still_takes_a_new_value_from_the_app_view()
    {
        var (bob, vic) = (_app.As(TeamApplication.Bob), _app.As(TeamApplication.Vic));
        var project = await _app.CreateTeamProjectAsync();
        var input = await bob.AddCellAsync(project.Id, "input", "", config: new { name = "n", value = 1, widget = "slider" });
        var locked = await LockAsync(bob, project.Id, input.Id);
        var value = await vic.PatchCellAsync(project.Id, input.Id, locked.Version, new { config = new { name = "n", value = 7, widget = "slider" } });
        Assert.Equal(HttpStatusCode.OK, value.StatusCode);
        var renamed = await _app.As(TeamApplication.Ada).PatchCellAsync(project.Id, input.Id, locked.Version + 1,
            new { config = new { name = "m", value = 7, widget = "slider" } });
        await AssertLockedByAsync(renamed, TeamApplication.Bob.Name);
    }

    [Fact]
    public async Task Locks_are_pushed_to_watchers_and_kept_in_versions()
    {
        var (ada, bob) = (_app.As(TeamApplication.Ada), _app.As(TeamApplication.Bob));
        var project = await _app.CreateTeamProjectAsync();
        var cell = await bob.AddCellAsync(project.Id, "code", "var x = 1;");
        await using var adasTab = await HubListener.ConnectAsync(_app, ada.Http, project.Id, "cellUpdated");
        await LockAsync(bob, project.Id, cell.Id);
        var heard = await adasTab.WaitForAsync("cellUpdated", e => e.GetProperty("cell").TryGetProperty("lock", out _));
        Assert.Equal(TeamApplication.Bob.Name, heard.GetProperty("cell").GetProperty("lock").GetProperty("name").GetString());

        var saved = await bob.Http.PostAsJsonAsync($"/api/projects/{project.Id}/versions", new { name = "locked" });
        var versionId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var version = await bob.Http.GetFromJsonAsync<JsonElement>($"/api/projects/{project.Id}/versions/{versionId}");
        Assert.Equal(TeamApplication.Bob.Id, version.GetProperty("cells")[0].GetProperty("lock").GetProperty("userId").GetString());

        Assert.Equal(HttpStatusCode.OK, (await bob.Http.DeleteAsync(Url(project.Id, cell.Id))).StatusCode);
        var restored = await bob.Http.PostAsync($"/api/projects/{project.Id}/versions/{versionId}/restore", null);
        Assert.Equal(HttpStatusCode.OK, restored.StatusCode);
        Assert.Equal(TeamApplication.Bob.Id, (await ada.GetProjectAsync(project.Id)).Cells!.Single().Lock?.UserId);
    }

    [Fact]
    public async Task A_restore_is_no_way_around_someone_elses_lock_except_for_admins()
    {
        var (ada, bob) = (_app.As(TeamApplication.Ada), _app.As(TeamApplication.Bob));
        var project = await _app.CreateTeamProjectAsync();
        var cell = await ada.AddCellAsync(project.Id, "code", "var x = 1;");
        var saved = await bob.Http.PostAsJsonAsync($"/api/projects/{project.Id}/versions", new { name = "before" });
        var versionId = (await saved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var locked = await LockAsync(ada, project.Id, cell.Id);
        Assert.Equal(HttpStatusCode.OK, (await ada.PatchCellAsync(project.Id, cell.Id, locked.Version, new { source = "var x = 2;" })).StatusCode);

        await AssertLockedByAsync(await bob.Http.PostAsync($"/api/projects/{project.Id}/versions/{versionId}/restore", null), TeamApplication.Ada.Name);
        Assert.Equal("var x = 2;", (await bob.GetProjectAsync(project.Id)).Cells!.Single().Source);
        Assert.Equal(HttpStatusCode.OK, (await ada.Http.PostAsync($"/api/projects/{project.Id}/versions/{versionId}/restore", null)).StatusCode);
        var after = (await bob.GetProjectAsync(project.Id)).Cells!.Single();
        Assert.Equal(("var x = 1;", null), (after.Source, after.Lock));
    }

    private static string Url(string projectId, string cellId) => $"/api/projects/{projectId}/cells/{cellId}/lock";

    private static async Task<CellDto> LockAsync(ApiClient client, string projectId, string cellId)
    {
        var response = await client.Http.PutAsync(Url(projectId, cellId), null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CellDto>(ApiClient.Json))!;
    }

    private static async Task AssertLockedByAsync(HttpResponseMessage response, string holder)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"expected 409, got {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal("Cell locked", problem.GetProperty("title").GetString());
        Assert.Equal(holder, problem.GetProperty("lock").GetProperty("name").GetString());
    }

    public void Dispose() => _app.Dispose();
}
