using System.Net;
using System.Text.Json;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Security;

/// <summary>Ids from another workspace read exactly like ids that do not exist: 404 with the same body shape, so
/// nobody can learn that a project, workspace or cell exists by guessing.</summary>
public sealed class IdGuessingTests(JwtApplication app) : IClassFixture<JwtApplication>
{
    [Fact]
    public async Task Another_workspaces_project_workspace_and_cell_ids_answer_like_random_ids()
    {
        var s = await SecurityScenario.CreateAsync(app);
        var vic = s.ClientOf(Caller.Viewer);
        var random = Guid.NewGuid().ToString("N");
        (string Real, string Random)[] pairs =
        [
            ($"/api/projects/{s.OtherProjectId}", $"/api/projects/{random}"),
            ($"/api/projects/{s.OtherProjectId}/graph", $"/api/projects/{random}/graph"),
            ($"/api/projects/{s.OtherProjectId}/cells/{s.OtherCellId}/runs", $"/api/projects/{random}/cells/{s.OtherCellId}/runs"),
            ($"/api/workspaces/{s.OtherWorkspaceId}", $"/api/workspaces/{random}"),
            ($"/api/workspaces/{s.OtherWorkspaceId}/members", $"/api/workspaces/{random}/members"),
            ($"/api/projects?workspaceId={s.OtherWorkspaceId}", $"/api/projects?workspaceId={random}"),
            // A cell of another project inside a project the caller can see: same as a random cell id.
            ($"/api/projects/{s.ProjectId}/cells/{s.OtherCellId}/runs", $"/api/projects/{s.ProjectId}/cells/{random}/runs"),
        ];
        foreach (var (real, guess) in pairs)
        {
            var (realStatus, realBody) = await ReadAsync(vic, real, s.OtherProjectId, s.OtherWorkspaceId, s.OtherCellId);
            var (guessStatus, guessBody) = await ReadAsync(vic, guess, random, random, random);
            Assert.Equal(HttpStatusCode.NotFound, realStatus);
            Assert.Equal(guessStatus, realStatus);
            Assert.Equal(guessBody, realBody);
        }
    }

    [Fact]
    public async Task Writes_to_another_workspaces_project_are_404_too()
    {
        var s = await SecurityScenario.CreateAsync(app);
        var ada = s.ClientOf(Caller.Admin);
        var response = await ada.SendAsync(s.Request("DELETE", $"/api/projects/{s.OtherProjectId}", null, null));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var olga = s.ClientOf(Caller.Outsider);
        Assert.Equal(HttpStatusCode.OK, (await olga.GetAsync($"/api/projects/{s.OtherProjectId}")).StatusCode);
    }

    // The problem body with the asked-for ids replaced and the trace id dropped: what remains must be identical.
    private static async Task<(HttpStatusCode, string)> ReadAsync(HttpClient client, string path, params string[] ids)
    {
        using var response = await client.GetAsync(path);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var shape = string.Join("|", json.EnumerateObject().Where(p => p.Name != "traceId").Select(p =>
        {
            var text = p.Value.ToString();
            foreach (var id in ids) text = text.Replace(id, "<id>");
            return $"{p.Name}={text}";
        }));
        return (response.StatusCode, shape);
    }
}
