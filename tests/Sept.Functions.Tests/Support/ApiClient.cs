using System.Net.Http.Json;
using System.Text.Json;
using Sept.Functions.Cells;
using Sept.Functions.Hosting;
using Sept.Functions.Projects;
using Sept.Functions.Runs;

namespace Sept.Functions.Tests.Support;

/// <summary>Typed calls to the HTTP API for tests.</summary>
public sealed class ApiClient(HttpClient http)
{
    public static JsonSerializerOptions Json { get; } = CreateJson();

    public HttpClient Http => http;

    public async Task<ProjectDto> CreateProjectAsync(string name = "Test", bool reactive = true)
    {
        var response = await http.PostAsJsonAsync("/api/projects", new { name, reactive }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ProjectDto>(Json))!;
    }

    public async Task<ProjectDto> GetProjectAsync(string projectId) =>
        (await http.GetFromJsonAsync<ProjectDto>($"/api/projects/{projectId}", Json))!;

    public async Task<CellDto> AddCellAsync(string projectId, string kind, string source, string? afterCellId = null, object? config = null)
    {
        var response = await http.PostAsJsonAsync($"/api/projects/{projectId}/cells", new { kind, source, afterCellId, config }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<CellDto>(Json))!;
    }

    public async Task<HttpResponseMessage> PatchCellAsync(string projectId, string cellId, long? version, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/projects/{projectId}/cells/{cellId}")
        {
            Content = JsonContent.Create(body, options: Json),
        };
        if (version is { } v) request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        return await http.SendAsync(request);
    }

    public async Task<RunStarted> RunAsync(string projectId, string mode, params string[] cellIds)
    {
        var response = await http.PostAsJsonAsync($"/api/projects/{projectId}/runs", new { cellIds, mode }, Json);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<RunStarted>(Json))!;
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        SeptServices.Configure(options);
        return options;
    }
}
