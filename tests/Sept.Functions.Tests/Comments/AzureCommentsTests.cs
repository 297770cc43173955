using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sept.Functions.Comments;
using Sept.Functions.Presence;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Tests.Azure;
using Sept.Functions.Tests.Presence;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Comments;

/// <summary>Comments and presence with Sept:Hosting = Azure: Cosmos on cosmosdb-server, events to SignalR Service
/// (answered by a recording endpoint).</summary>
public sealed class AzureCommentsTests(AzureModeApplication app) : IClassFixture<AzureModeApplication>
{
    private readonly ApiClient _api = new(app.CreateClient());

    [Fact]
    public async Task Comments_live_in_cosmos_and_go_with_their_cell_and_watchers_hear_of_them_through_signalr_service()
    {
        Assert.IsType<CosmosCommentStore>(app.Services.GetRequiredService<ICommentStore>());
        var project = await _api.CreateProjectAsync("azure comments");
        var cell = await _api.AddCellAsync(project.Id, "code", "var x = 1;");
        var first = await _api.CommentAsync(project.Id, new { cellId = cell.Id, body = "in cosmos" });
        await _api.CommentAsync(project.Id, new { threadId = first.ThreadId, body = "reply" });
        Assert.Equal(HttpStatusCode.OK, (await _api.ResolveAsync(project.Id, first.ThreadId, true)).StatusCode);
        var thread = Assert.Single(await _api.ThreadsAsync(project.Id, cell.Id));
        Assert.Equal((true, 2), (thread.Resolved, thread.Comments.Count));

        Assert.Equal(HttpStatusCode.NoContent, (await _api.Http.DeleteAsync($"/api/projects/{project.Id}/cells/{cell.Id}")).StatusCode);
        Assert.Empty(await _api.ThreadsAsync(project.Id));
        var sent = app.Azure.Requests.Where(r => r.Uri.AbsolutePath == $"/api/hubs/sept/groups/p_{project.Id}/:send").Select(r => r.Body).ToList();
        foreach (var target in new[] { "commentAdded", "commentUpdated", "commentRemoved" })
            Assert.Contains(sent, body => body.Contains($"\"{target}\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Presence_lives_in_cosmos_and_watchers_hear_of_it_through_signalr_service()
    {
        Assert.IsType<CosmosPresenceStore>(app.Services.GetRequiredService<IPresenceStore>());
        var project = await _api.CreateProjectAsync("azure presence");
        Assert.Equal("tab-azure-1", Assert.Single(await _api.HeartbeatAsync(project.Id, "tab-azure-1")).SessionId);
        Assert.Equal("tab-azure-1", Assert.Single(await _api.ViewersAsync(project.Id)).SessionId);
        Assert.Contains(app.Azure.Requests, r => r.Uri.AbsolutePath == $"/api/hubs/sept/groups/p_{project.Id}/:send"
            && r.Body.Contains("\"presenceChanged\"", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NoContent, (await _api.LeaveAsync(project.Id, "tab-azure-1")).StatusCode);
        Assert.Empty(await _api.ViewersAsync(project.Id));
    }
}
