using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sept.Functions.Comments;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Comments;

/// <summary>Typed comment calls for tests.</summary>
public static class CommentApi
{
    public static async Task<CommentDto> CommentAsync(this ApiClient api, string projectId, object body)
    {
        var response = await api.Http.PostAsJsonAsync($"/api/projects/{projectId}/comments", body, ApiClient.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CommentDto>(ApiClient.Json))!;
    }

    public static async Task<ThreadDto[]> ThreadsAsync(this ApiClient api, string projectId, string? cellId = null) =>
        (await api.Http.GetFromJsonAsync<ThreadDto[]>(
            $"/api/projects/{projectId}/comments{(cellId is null ? "" : $"?cellId={cellId}")}", ApiClient.Json))!;

    public static Task<HttpResponseMessage> EditCommentAsync(this ApiClient api, string projectId, string commentId, object body) =>
        api.Http.PatchAsJsonAsync($"/api/projects/{projectId}/comments/{commentId}", body, ApiClient.Json);

    public static Task<HttpResponseMessage> ResolveAsync(this ApiClient api, string projectId, string threadId, bool resolved) =>
        api.Http.PatchAsJsonAsync($"/api/projects/{projectId}/threads/{threadId}", new { resolved }, ApiClient.Json);

    /// <summary>Asserts a problem+json answer with <paramref name="status"/> whose detail mentions <paramref name="detailContains"/>.</summary>
    public static async Task ExpectProblemAsync(Task<HttpResponseMessage> call, HttpStatusCode status, string detailContains)
    {
        var response = await call;
        Assert.Equal(status, response.StatusCode);
        Assert.Contains(detailContains, await ProblemDetailAsync(response));
    }

    public static async Task<string> ProblemDetailAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("detail").GetString()!;
    }
}
