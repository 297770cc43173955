using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sept.Functions.Tests.Security;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Workspaces;

/// <summary>Workspace and member rules over HTTP in Jwt mode: slugs, the last admin, leaving, binding an invited
/// email at first sign-in, and where projects go.</summary>
public sealed class WorkspaceApiTests(JwtApplication app) : IClassFixture<JwtApplication>
{
    [Fact]
    public async Task Slugs_are_checked_and_unique()
    {
        var ada = app.ClientFor(SecurityScenario.Ada);
        var slug = SecurityScenario.Unique("team");
        var created = await ada.PostAsJsonAsync("/api/workspaces", new { name = "Team", slug });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var workspace = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(("admin", slug), (workspace.GetProperty("role").GetString(), workspace.GetProperty("slug").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await ada.PostAsJsonAsync("/api/workspaces", new { name = "Again", slug })).StatusCode);
        foreach (var bad in new[] { "A", "UPPER", "with space", "x", new string('a', 41), "dots.no" })
            Assert.Equal(HttpStatusCode.BadRequest, (await ada.PostAsJsonAsync("/api/workspaces", new { name = "Bad", slug = bad })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await ada.PostAsJsonAsync("/api/workspaces", new { name = "" })).StatusCode);
        var named = await (await ada.PostAsJsonAsync("/api/workspaces", new { name = $"Sales & Ops {slug}" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal($"sales-ops-{slug}", named.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task A_workspace_keeps_an_admin_and_members_may_leave()
    {
        var s = await SecurityScenario.CreateAsync(app);
        var ada = s.ClientOf(Caller.Admin);
        var adaEmail = SecurityScenario.Ada.Email;
        Assert.Equal(HttpStatusCode.Conflict, (await Patch(ada, $"/api/workspaces/{s.WorkspaceId}/members/{adaEmail}", new { role = "editor" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ada.DeleteAsync($"/api/workspaces/{s.WorkspaceId}/members/{adaEmail}")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict,
            (await ada.PostAsJsonAsync($"/api/workspaces/{s.WorkspaceId}/members", new { email = SecurityScenario.Vic.Email, role = "editor" })).StatusCode);

        // Vic leaves on his own; then the workspace is gone for him.
        var vic = s.ClientOf(Caller.Viewer);
        Assert.Equal(HttpStatusCode.NoContent, (await vic.DeleteAsync($"/api/workspaces/{s.WorkspaceId}/members/{SecurityScenario.Vic.Email}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vic.GetAsync($"/api/workspaces/{s.WorkspaceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await vic.GetAsync($"/api/projects/{s.ProjectId}")).StatusCode);

        // With a second admin the first may step down.
        Assert.Equal(HttpStatusCode.OK, (await Patch(ada, $"/api/workspaces/{s.WorkspaceId}/members/{SecurityScenario.Eddie.Email}", new { role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Patch(ada, $"/api/workspaces/{s.WorkspaceId}/members/{adaEmail}", new { role = "viewer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Patch(ada, $"/api/workspaces/{s.WorkspaceId}", new { name = "Mine" })).StatusCode);
    }

    [Fact]
    public async Task An_invited_email_is_bound_to_the_first_user_who_signs_in_with_it()
    {
        var s = await SecurityScenario.CreateAsync(app);
        var email = $"{SecurityScenario.Unique("zoe")}@example.test";
        var ada = s.ClientOf(Caller.Admin);
        await ada.PostAsJsonAsync($"/api/workspaces/{s.WorkspaceId}/members", new { email = email.ToUpperInvariant(), role = "editor" });
        var zoe = new Functions.Identity.SeptUser("u-zoe-" + Guid.NewGuid().ToString("N")[..6], "Zoe", email);
        var me = await app.ClientFor(zoe).GetFromJsonAsync<JsonElement>("/api/me");
        var mine = Assert.Single(me.GetProperty("workspaces").EnumerateArray());
        Assert.Equal((s.WorkspaceId, "editor"), (mine.GetProperty("id").GetString(), mine.GetProperty("role").GetString()));
        var members = await ada.GetFromJsonAsync<JsonElement>($"/api/workspaces/{s.WorkspaceId}/members");
        var entry = members.EnumerateArray().Single(m => m.GetProperty("email").GetString() == email);
        Assert.Equal((zoe.Id, "Zoe"), (entry.GetProperty("userId").GetString(), entry.GetProperty("name").GetString()));

        // Someone else presenting the same email later does not get in: the entry follows Zoe's id.
        var impostor = zoe with { Id = "u-impostor-" + Guid.NewGuid().ToString("N")[..6] };
        Assert.Equal(HttpStatusCode.NotFound, (await app.ClientFor(impostor).GetAsync($"/api/workspaces/{s.WorkspaceId}")).StatusCode);
    }

    [Fact]
    public async Task Projects_go_to_the_named_or_first_workspace_and_a_workspace_with_projects_cannot_be_deleted()
    {
        var s = await SecurityScenario.CreateAsync(app);
        var eddie = s.ClientOf(Caller.Editor);
        var project = await (await eddie.PostAsJsonAsync("/api/projects", new { name = "Default place" })).Content.ReadFromJsonAsync<JsonElement>();
        var first = (await eddie.GetFromJsonAsync<JsonElement>("/api/me")).GetProperty("workspaces")[0];
        Assert.Equal(first.GetProperty("id").GetString(), project.GetProperty("workspaceId").GetString());
        Assert.Equal(first.GetProperty("role").GetString(), project.GetProperty("role").GetString());
        var listed = await eddie.GetFromJsonAsync<JsonElement>($"/api/projects?workspaceId={s.WorkspaceId}");
        Assert.Contains(listed.EnumerateArray(), p => p.GetProperty("id").GetString() == s.ProjectId && p.GetProperty("role").GetString() == "editor");
        Assert.Equal(HttpStatusCode.BadRequest, (await app.ClientFor(TestTokens.User(SecurityScenario.Unique("nobody"))).PostAsJsonAsync("/api/projects", new { name = "x" })).StatusCode);

        var ada = s.ClientOf(Caller.Admin);
        Assert.Equal(HttpStatusCode.Conflict, (await ada.DeleteAsync($"/api/workspaces/{s.WorkspaceId}")).StatusCode);
        foreach (var p in (await ada.GetFromJsonAsync<JsonElement>($"/api/projects?workspaceId={s.WorkspaceId}")).EnumerateArray())
            Assert.Equal(HttpStatusCode.NoContent, (await ada.DeleteAsync($"/api/projects/{p.GetProperty("id").GetString()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.DeleteAsync($"/api/workspaces/{s.WorkspaceId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ada.GetAsync($"/api/workspaces/{s.WorkspaceId}")).StatusCode);
    }

    private static Task<HttpResponseMessage> Patch(HttpClient client, string path, object body) =>
        client.PatchAsync(path, JsonContent.Create(body));
}
