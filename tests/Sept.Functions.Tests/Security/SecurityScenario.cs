using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sept.Functions.Identity;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Security;

/// <summary>Who calls in the security tests.</summary>
public enum Caller
{
    Admin,
    Editor,
    Viewer,
    /// <summary>Signed in, admin of another workspace, not a member of this one.</summary>
    Outsider,
    Anonymous,
}

/// <summary>A fresh workspace for one check: Ada (admin) with Eddie (editor), Vic (viewer) and Tom (viewer, the target
/// of member changes); a project with a code cell, an input cell, a code cell Ada has locked and an uploaded file. Olga owns another workspace
/// with a project of her own. Every scenario has its own workspace and project, so destructive calls do not leak.</summary>
public sealed record SecurityScenario(
    JwtApplication App, string WorkspaceId, string ProjectId, string CodeCellId, string InputCellId, string OtherWorkspaceId,
    string OtherProjectId, string OtherCellId, string VersionId, string LockedCellId)
{
    public static readonly SeptUser Ada = TestTokens.User("ada");
    public static readonly SeptUser Eddie = TestTokens.User("eddie");
    public static readonly SeptUser Vic = TestTokens.User("vic");
    public static readonly SeptUser Tom = TestTokens.User("tom");
    public static readonly SeptUser Olga = TestTokens.User("olga");

    public static string FileName => "data.csv";

    public static SeptUser? UserOf(Caller caller) => caller switch
    {
        Caller.Admin => Ada,
        Caller.Editor => Eddie,
        Caller.Viewer => Vic,
        Caller.Outsider => Olga,
        _ => null,
    };

    public HttpClient ClientOf(Caller caller) => UserOf(caller) is { } user ? App.ClientFor(user) : App.Anonymous();

    public static async Task<SecurityScenario> CreateAsync(JwtApplication app)
    {
        var ada = app.ClientFor(Ada);
        var workspace = await CreateWorkspaceAsync(ada);
        foreach (var (user, role) in new[] { (Eddie, "editor"), (Vic, "viewer"), (Tom, "viewer") })
            (await ada.PostAsJsonAsync($"/api/workspaces/{workspace}/members", new { email = user.Email, role, name = user.Name })).EnsureSuccessStatusCode();
        var project = await CreateProjectAsync(ada, workspace);
        var code = await AddCellAsync(ada, project, new { kind = "code", source = "var x = 1;" });
        var input = await AddCellAsync(ada, project, new { kind = "input", source = "", config = new { name = "n", value = 1, widget = "slider" } });
        using var form = new MultipartFormDataContent { { new ByteArrayContent("a,b\n1,2\n"u8.ToArray()), "file", FileName } };
        (await ada.PostAsync($"/api/projects/{project}/files", form)).EnsureSuccessStatusCode();
        var locked = await AddCellAsync(ada, project, new { kind = "code", source = "var l = 1;" });
        (await ada.PutAsync($"/api/projects/{project}/cells/{locked}/lock", null)).EnsureSuccessStatusCode();
        var saved = await ada.PostAsJsonAsync($"/api/projects/{project}/versions", new { name = "checkpoint" });
        var version = (await saved.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        var olga = app.ClientFor(Olga);
        var other = await CreateWorkspaceAsync(olga);
        var otherProject = await CreateProjectAsync(olga, other);
        var otherCell = await AddCellAsync(olga, otherProject, new { kind = "code", source = "var y = 2;" });
        return new SecurityScenario(app, workspace, project, code, input, other, otherProject, otherCell, version, locked);
    }

    /// <summary>Replaces {workspaceId}, {projectId}, {cellId} (the code cell), {email} (Tom), {name} (the file) and {versionId} (a saved version).</summary>
    public string Fill(string template) => template
        .Replace("{workspaceId}", WorkspaceId).Replace("{projectId}", ProjectId).Replace("{cellId}", CodeCellId)
        .Replace("{inputCellId}", InputCellId).Replace("{email}", Tom.Email).Replace("{name}", FileName)
        .Replace("{**path}", "outputs-missing.json").Replace("{versionId}", VersionId).Replace("{lockedCellId}", LockedCellId);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    private static async Task<string> CreateWorkspaceAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync("/api/workspaces", new { name = Unique("team") });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> CreateProjectAsync(HttpClient client, string workspaceId)
    {
        var response = await client.PostAsJsonAsync("/api/projects", new { name = "Secret", workspaceId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> AddCellAsync(HttpClient client, string projectId, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/projects/{projectId}/cells", body);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>A request as a matrix row describes it.</summary>
    public HttpRequestMessage Request(string method, string path, Func<SecurityScenario, HttpContent?>? body, string? ifMatch)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body?.Invoke(this) };
        if (ifMatch is not null) request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{ifMatch}\""));
        return request;
    }
}
