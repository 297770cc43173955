using System.Net;
using System.Net.Http.Json;
using Sept.Functions.History;
using Sept.Functions.Identity;
using Sept.Functions.Projects;
using Sept.Functions.Tests.Support;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Tests.History;

/// <summary>Version routes with signed-in people (Jwt dev-key mode): a viewer lists, views and diffs; saving and
/// restoring need an editor, whose name goes on the versions; outsiders see 404 and anonymous callers 401.</summary>
public sealed class VersionRoleTests(JwtApplication app) : IClassFixture<JwtApplication>
{
    private static readonly SeptUser Ada = TestTokens.User("ada");
    private static readonly SeptUser Bob = TestTokens.User("bob");
    private static readonly SeptUser Cy = TestTokens.User("cy");
    private static readonly SeptUser Dee = TestTokens.User("dee");

    [Fact]
    public async Task Viewers_read_editors_save_and_restore_and_outsiders_see_nothing()
    {
        var ada = app.ClientFor(Ada);
        var workspace = await CreatedAsync<WorkspaceDto>(await ada.PostAsJsonAsync("/api/workspaces", new { name = $"team {Guid.NewGuid():N}" }, ApiClient.Json));
        await CreatedAsync<object>(await ada.PostAsJsonAsync($"/api/workspaces/{workspace.Id}/members", new { email = Bob.Email, role = "viewer" }, ApiClient.Json));
        await CreatedAsync<object>(await ada.PostAsJsonAsync($"/api/workspaces/{workspace.Id}/members", new { email = Cy.Email, role = "editor" }, ApiClient.Json));
        await app.ClientFor(Dee).PostAsJsonAsync("/api/workspaces", new { name = $"elsewhere {Guid.NewGuid():N}" }, ApiClient.Json);
        var project = await CreatedAsync<ProjectDto>(await ada.PostAsJsonAsync("/api/projects", new { name = "shared", workspaceId = workspace.Id }, ApiClient.Json));
        var versions = $"/api/projects/{project.Id}/versions";

        // Cy edits: the auto version and the named one are Cy's.
        var cy = app.ClientFor(Cy);
        Assert.Equal(HttpStatusCode.Created, (await cy.PostAsJsonAsync($"/api/projects/{project.Id}/cells", new { kind = "code", source = "var a = 1;" }, ApiClient.Json)).StatusCode);
        var saved = await CreatedAsync<VersionSummaryDto>(await cy.PostAsJsonAsync(versions, new { name = "by cy" }, ApiClient.Json));
        Assert.Equal(Cy, saved.Author);
        var listed = (await cy.GetFromJsonAsync<VersionSummaryDto[]>(versions, ApiClient.Json))!;
        Assert.All(listed, v => Assert.Equal(Cy, v.Author));
        Assert.Contains(listed, v => v.Kind == VersionKind.Auto);

        var bob = app.ClientFor(Bob);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync(versions)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"{versions}/{saved.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync($"{versions}/{saved.Id}/diff")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostAsJsonAsync(versions, new { name = "x" }, ApiClient.Json)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.PostAsync($"{versions}/{saved.Id}/restore", null)).StatusCode);

        var dee = app.ClientFor(Dee);
        var anonymous = app.Anonymous();
        foreach (var (client, status) in new[] { (dee, HttpStatusCode.NotFound), (anonymous, HttpStatusCode.Unauthorized) })
        {
            Assert.Equal(status, (await client.GetAsync(versions)).StatusCode);
            Assert.Equal(status, (await client.GetAsync($"{versions}/{saved.Id}")).StatusCode);
            Assert.Equal(status, (await client.GetAsync($"{versions}/{saved.Id}/diff")).StatusCode);
            Assert.Equal(status, (await client.PostAsJsonAsync(versions, new { name = "x" }, ApiClient.Json)).StatusCode);
            Assert.Equal(status, (await client.PostAsync($"{versions}/{saved.Id}/restore", null)).StatusCode);
        }

        var restore = await ada.PostAsync($"{versions}/{saved.Id}/restore", null);
        Assert.Equal(HttpStatusCode.OK, restore.StatusCode);
        var undo = (await restore.Content.ReadFromJsonAsync<RestoredVersion>(ApiClient.Json))!.UndoVersionId;
        Assert.Equal(Ada, (await ada.GetFromJsonAsync<VersionDto>($"{versions}/{undo}", ApiClient.Json))!.Author);
    }

    private static async Task<T> CreatedAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(ApiClient.Json))!;
    }
}
