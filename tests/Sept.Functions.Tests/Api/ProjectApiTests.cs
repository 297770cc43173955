using System.Net;
using System.Net.Http.Json;
using Sept.Functions.Hosting;
using Sept.Functions.Projects;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Api;

public sealed class ProjectApiTests : IDisposable
{
    private readonly SeptApplication _app = new(_ => new ScriptedKernel());
    private readonly ApiClient _api;

    public ProjectApiTests() => _api = new ApiClient(_app.CreateClient());

    [Fact]
    public async Task Health_reports_ok_and_a_version()
    {
        var health = await _api.Http.GetFromJsonAsync<Health>("/api/health", ApiClient.Json);
        Assert.Equal("ok", health!.Status);
        Assert.False(string.IsNullOrEmpty(health.Version));
    }

    [Fact]
    public async Task A_project_is_created_listed_renamed_and_deleted()
    {
        var created = await _api.CreateProjectAsync("Sales", reactive: false);
        Assert.Equal("Sales", created.Name);
        Assert.False(created.Reactive);
        Assert.Empty(created.Cells!);

        var list = await _api.Http.GetFromJsonAsync<ProjectDto[]>("/api/projects", ApiClient.Json);
        Assert.Contains(list!, p => p.Id == created.Id);

        var patch = await _api.Http.PatchAsJsonAsync($"/api/projects/{created.Id}", new { name = "Revenue", reactive = true }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        var renamed = await patch.Content.ReadFromJsonAsync<ProjectDto>(ApiClient.Json);
        Assert.Equal("Revenue", renamed!.Name);
        Assert.True(renamed.Reactive);
        Assert.Equal(2, renamed.Version);

        Assert.Equal(HttpStatusCode.NoContent, (await _api.Http.DeleteAsync($"/api/projects/{created.Id}")).StatusCode);
        var gone = await _api.Http.GetAsync($"/api/projects/{created.Id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal("application/problem+json", gone.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_project_rename_with_a_stale_if_match_gets_412()
    {
        var created = await _api.CreateProjectAsync("A");
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/projects/{created.Id}") { Content = JsonContent.Create(new { name = "B" }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"7\"");
        var response = await _api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        Assert.Contains("\"current\"", await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _app.Dispose();
}
