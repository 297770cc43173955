using System.Net;
using System.Net.Http.Json;
using Sept.Functions.Identity;
using Sept.Functions.Projects;
using Sept.Functions.Tests.Support;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Tests.Comments;

/// <summary>The app in Jwt dev-key mode with a team: Ada creates a workspace (admin) and adds Bob (editor) and Vic
/// (viewer); every request carries the person's real token, so access goes through the real membership path.</summary>
public sealed class TeamApplication : JwtApplication
{
    public static readonly SeptUser Ada = TestTokens.User("ada");
    public static readonly SeptUser Bob = TestTokens.User("bob");
    public static readonly SeptUser Vic = TestTokens.User("vic");

    /// <summary>A client acting as <paramref name="user"/>.</summary>
    public ApiClient As(SeptUser user) => new(ClientFor(user));

    /// <summary>A new workspace of the team with one project in it (created by Ada).</summary>
    public async Task<ProjectDto> CreateTeamProjectAsync()
    {
        var ada = As(Ada).Http;
        var created = await ada.PostAsJsonAsync("/api/workspaces", new { name = "Team" }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var workspace = (await created.Content.ReadFromJsonAsync<WorkspaceDto>(ApiClient.Json))!;
        foreach (var (user, role) in new[] { (Bob, WorkspaceRole.Editor), (Vic, WorkspaceRole.Viewer) })
        {
            var added = await ada.PostAsJsonAsync($"/api/workspaces/{workspace.Id}/members", new { email = user.Email, role, name = user.Name }, ApiClient.Json);
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        }
        var project = await ada.PostAsJsonAsync("/api/projects", new { name = "Shared", workspaceId = workspace.Id }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.Created, project.StatusCode);
        return (await project.Content.ReadFromJsonAsync<ProjectDto>(ApiClient.Json))!;
    }
}
