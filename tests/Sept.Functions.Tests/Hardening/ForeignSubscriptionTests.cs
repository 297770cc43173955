using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;
using Sept.Functions.Tests.Security;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Hardening;

/// <summary>Issue 13 row 5: a viewer put another user's connection into a project's group and replaced what she saw.
/// A subscription now binds only the caller's own connection, events name their project, and presence shows tab
/// ids, never connection ids.</summary>
public sealed class ForeignSubscriptionTests(JwtApplication app) : IClassFixture<JwtApplication>
{
    [Fact]
    public async Task Subscribing_someone_elses_connection_is_refused()
    {
        var s = await SecurityScenario.CreateAsync(app);
        await using var vic = app.HubFor(SecurityScenario.Vic);
        await vic.StartAsync();
        var heard = new List<JsonElement>();
        vic.On<JsonElement>("cellUpdated", e => { lock (heard) heard.Add(e); });

        // Olga may view her own project, but may not put Vic's connection into its group.
        var foreign = await s.ClientOf(Caller.Outsider).PostAsJsonAsync($"/api/projects/{s.OtherProjectId}/subscriptions", new { connectionId = vic.ConnectionId });
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);

        // Vic's own subscription works, and its events carry the project's id.
        var own = await s.ClientOf(Caller.Viewer).PostAsJsonAsync($"/api/projects/{s.ProjectId}/subscriptions", new { connectionId = vic.ConnectionId, sessionId = "tab-0123456789" });
        Assert.Equal(HttpStatusCode.NoContent, own.StatusCode);
        var edit = s.Request("PATCH", $"/api/projects/{s.ProjectId}/cells/{s.CodeCellId}", _ => JsonContent.Create(new { source = "var x = 5;" }), "1");
        (await s.ClientOf(Caller.Admin).SendAsync(edit)).EnsureSuccessStatusCode();
        var olgaEdit = s.Request("PATCH", $"/api/projects/{s.OtherProjectId}/cells/{s.OtherCellId}", _ => JsonContent.Create(new { source = "var y = 6;" }), "1");
        (await s.ClientOf(Caller.Outsider).SendAsync(olgaEdit)).EnsureSuccessStatusCode();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            lock (heard) if (heard.Any(e => e.GetProperty("cell").GetProperty("source").GetString() == "var x = 5;")) break;
            await Task.Delay(50);
        }
        lock (heard)
        {
            var mine = heard.Single(e => e.GetProperty("cell").GetProperty("source").GetString() == "var x = 5;");
            Assert.Equal(s.ProjectId, mine.GetProperty("projectId").GetString());
            Assert.DoesNotContain(heard, e => e.GetProperty("cell").GetProperty("source").GetString() == "var y = 6;");
        }
    }

    [Fact]
    public async Task Presence_lists_tab_sessions_and_drops_one_when_its_connection_closes()
    {
        var s = await SecurityScenario.CreateAsync(app);
        var vicHttp = s.ClientOf(Caller.Viewer);
        var vic = app.HubFor(SecurityScenario.Vic);
        await vic.StartAsync();
        (await vicHttp.PostAsJsonAsync($"/api/projects/{s.ProjectId}/subscriptions", new { connectionId = vic.ConnectionId, sessionId = "tab-vic-0001" })).EnsureSuccessStatusCode();
        (await vicHttp.PutAsJsonAsync($"/api/projects/{s.ProjectId}/presence/tab-vic-0001", new { })).EnsureSuccessStatusCode();
        var listed = await s.ClientOf(Caller.Editor).GetStringAsync($"/api/projects/{s.ProjectId}/presence");
        Assert.Contains("tab-vic-0001", listed);
        Assert.DoesNotContain(vic.ConnectionId!, listed);

        await vic.DisposeAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline && (await s.ClientOf(Caller.Editor).GetStringAsync($"/api/projects/{s.ProjectId}/presence")).Contains("tab-vic-0001"))
            await Task.Delay(100);
        Assert.DoesNotContain("tab-vic-0001", await s.ClientOf(Caller.Editor).GetStringAsync($"/api/projects/{s.ProjectId}/presence"));
    }
}
