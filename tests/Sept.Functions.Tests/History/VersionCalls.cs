using System.Net;
using System.Net.Http.Json;
using Sept.Functions.History;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.History;

/// <summary>Typed calls to /api/projects/{id}/versions.</summary>
public sealed class VersionCalls(HttpClient http)
{
    public async Task<VersionSummaryDto> SaveAsync(string projectId, string name)
    {
        var response = await http.PostAsJsonAsync($"/api/projects/{projectId}/versions", new { name }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<VersionSummaryDto>(ApiClient.Json))!;
    }

    public async Task<VersionSummaryDto[]> ListAsync(string projectId) =>
        (await http.GetFromJsonAsync<VersionSummaryDto[]>($"/api/projects/{projectId}/versions", ApiClient.Json))!;

    public async Task<VersionDto> GetAsync(string projectId, string versionId) =>
        (await http.GetFromJsonAsync<VersionDto>($"/api/projects/{projectId}/versions/{versionId}", ApiClient.Json))!;

    public async Task<VersionDiffDto> DiffAsync(string projectId, string versionId) =>
        (await http.GetFromJsonAsync<VersionDiffDto>($"/api/projects/{projectId}/versions/{versionId}/diff", ApiClient.Json))!;

    public async Task<RestoredVersion> RestoreAsync(string projectId, string versionId)
    {
        var response = await http.PostAsync($"/api/projects/{projectId}/versions/{versionId}/restore", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<RestoredVersion>(ApiClient.Json))!;
    }
}
