using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Sept.Functions.Realtime;
using Sept.Functions.Tests.Security;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Workspaces;

/// <summary>The local hub in Jwt mode: signed-in users only, joins need viewer access, and removing a member closes
/// their open connections so they stop receiving the project's events.</summary>
public sealed class RealtimeAccessTests(JwtApplication app) : IClassFixture<JwtApplication>
{
    [Fact]
    public async Task A_removed_members_open_connection_stops_receiving_events()
    {
        var s = await SecurityScenario.CreateAsync(app);
        var received = new List<string>();
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var vic = app.HubFor(SecurityScenario.Vic);
        vic.On<JsonElement>("cellUpdated", e =>
        {
            lock (received) received.Add(e.GetProperty("cell").GetProperty("source").GetString()!);
            first.TrySetResult();
        });
        vic.Closed += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        await vic.StartAsync();
        await vic.InvokeAsync("Subscribe", s.ProjectId);

        var ada = s.ClientOf(Caller.Admin);
        await EditAsync(ada, s, 1, "var x = 2;");
        await first.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var removed = await ada.DeleteAsync($"/api/workspaces/{s.WorkspaceId}/members/{SecurityScenario.Vic.Email}");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await EditAsync(ada, s, 2, "var x = 3;");
        await app.Realtime.WaitForAsync<CellUpdated>(ProjectId.Parse(s.ProjectId), e => e.Cell.Source == "var x = 3;");
        lock (received) Assert.Equal(["var x = 2;"], received);

        // Connecting again works (still signed in), but the project is out of reach now.
        await using var again = app.HubFor(SecurityScenario.Vic);
        await again.StartAsync();
        var refused = await Assert.ThrowsAsync<HubException>(() => again.InvokeAsync("Subscribe", s.ProjectId));
        Assert.Contains("does not exist", refused.Message);
    }

    [Fact]
    public async Task Joining_needs_viewer_access_and_the_hub_needs_a_token()
    {
        var s = await SecurityScenario.CreateAsync(app);
        await using var olga = app.HubFor(SecurityScenario.Olga);
        await olga.StartAsync();
        await Assert.ThrowsAsync<HubException>(() => olga.InvokeAsync("Subscribe", s.ProjectId));
        await olga.InvokeAsync("Subscribe", s.OtherProjectId);

        var subscribe = await s.ClientOf(Caller.Outsider).PostAsJsonAsync($"/api/projects/{s.ProjectId}/subscriptions", new { connectionId = olga.ConnectionId });
        Assert.Equal(HttpStatusCode.NotFound, subscribe.StatusCode);

        await using var anonymous = app.HubFor(null);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => anonymous.StartAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    private static async Task EditAsync(HttpClient client, SecurityScenario s, long version, string source)
    {
        var request = s.Request("PATCH", $"/api/projects/{s.ProjectId}/cells/{s.CodeCellId}", _ => JsonContent.Create(new { source }), $"{version}");
        (await client.SendAsync(request)).EnsureSuccessStatusCode();
    }
}
