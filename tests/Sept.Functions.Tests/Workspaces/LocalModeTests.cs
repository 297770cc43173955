using System.Net.Http.Json;
using System.Text.Json;
using Sept.Functions.Tests.Support;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Tests.Workspaces;

/// <summary>Local mode (the default): no sign-in, the local user is admin of the local workspace, where projects go.</summary>
public sealed class LocalModeTests : IDisposable
{
    private readonly SeptApplication _app = new(_ => new ScriptedKernel());

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Everyone_is_the_local_admin_of_the_local_workspace()
    {
        var client = _app.CreateClient();
        var config = await client.GetFromJsonAsync<JsonElement>("/api/config");
        Assert.Equal("local", config.GetProperty("auth").GetProperty("mode").GetString());
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        Assert.Equal("local", me.GetProperty("id").GetString());
        var workspace = Assert.Single(me.GetProperty("workspaces").EnumerateArray());
        Assert.Equal((LocalWorkspace.Id, "local", "admin"),
            (workspace.GetProperty("id").GetString(), workspace.GetProperty("slug").GetString(), workspace.GetProperty("role").GetString()));
        var project = await (await client.PostAsJsonAsync("/api/projects", new { name = "Here" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((LocalWorkspace.Id, "admin"), (project.GetProperty("workspaceId").GetString(), project.GetProperty("role").GetString()));
    }
}
