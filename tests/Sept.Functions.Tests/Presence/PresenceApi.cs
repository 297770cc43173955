using System.Net;
using System.Net.Http.Json;
using Sept.Functions.Presence;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Presence;

/// <summary>Typed presence calls for tests.</summary>
public static class PresenceApi
{
    public static async Task<ViewerDto[]> HeartbeatAsync(this ApiClient api, string projectId, string sessionId, string? cellId = null)
    {
        var response = await api.Http.PutAsJsonAsync($"/api/projects/{projectId}/presence/{sessionId}", new { cellId }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ViewerDto[]>(ApiClient.Json))!;
    }

    public static async Task<ViewerDto[]> ViewersAsync(this ApiClient api, string projectId) =>
        (await api.Http.GetFromJsonAsync<ViewerDto[]>($"/api/projects/{projectId}/presence", ApiClient.Json))!;

    public static Task<HttpResponseMessage> LeaveAsync(this ApiClient api, string projectId, string sessionId) =>
        api.Http.DeleteAsync($"/api/projects/{projectId}/presence/{sessionId}");
}
