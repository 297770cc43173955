using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Sept.Functions.Hosting;
using Sept.Functions.Identity;
using Sept.Functions.Presence;
using Sept.Functions.Tests.Comments;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Presence;

/// <summary>Presence through the real app as the single local user, on a fake clock (no waiting for the TTL).</summary>
public sealed class PresenceApiTests : IDisposable
{
    private readonly SeptApplication _root = new(_ => new ScriptedKernel());
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly WebApplicationFactory<SeptOptions> _app;
    private readonly ApiClient _api;

    public PresenceApiTests()
    {
        _app = _root.WithWebHostBuilder(b => b.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock))));
        _api = new ApiClient(_app.CreateClient());
    }

    private RecordingRealtime Realtime => _app.Services.GetRequiredService<RecordingRealtime>();

    [Fact]
    public async Task A_heartbeat_lists_the_viewer_and_leaving_removes_them_with_an_event_only_on_changes()
    {
        var project = await _api.CreateProjectAsync();
        var cell = await _api.AddCellAsync(project.Id, "code", "var x = 1;");
        var id = ProjectId.Parse(project.Id);

        var viewer = Assert.Single(await _api.HeartbeatAsync(project.Id, "tab-one-1"));
        Assert.Equal(("tab-one-1", SeptUser.Local, (string?)null, _clock.GetUtcNow()), (viewer.SessionId, viewer.User, viewer.CellId, viewer.LastSeen));
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(_clock.GetUtcNow(), Assert.Single(await _api.HeartbeatAsync(project.Id, "tab-one-1")).LastSeen);
        Assert.Equal(cell.Id, Assert.Single(await _api.HeartbeatAsync(project.Id, "tab-one-1", cell.Id)).CellId);
        Assert.Equal(["tab-one-1", "tab-two-2"], (await _api.HeartbeatAsync(project.Id, "tab-two-2")).Select(v => v.SessionId));
        Assert.Equal(["tab-one-1", "tab-two-2"], (await _api.ViewersAsync(project.Id)).Select(v => v.SessionId));

        Assert.Equal(HttpStatusCode.NoContent, (await _api.LeaveAsync(project.Id, "tab-one-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _api.LeaveAsync(project.Id, "tab-one-1")).StatusCode);
        Assert.Equal(["tab-two-2"], (await _api.ViewersAsync(project.Id)).Select(v => v.SessionId));

        // Joined, moved to a cell, second tab joined, first tab left: the plain refresh told nobody.
        var changes = Realtime.EventsOf(id).OfType<PresenceChanged>().ToList();
        Assert.Equal([1, 1, 2, 1], changes.Select(c => c.Viewers.Count));
        Assert.Equal(cell.Id, changes[1].Viewers[0].CellId);
        Assert.All(changes, c => Assert.Equal(project.Id, c.ProjectId));
    }

    [Fact]
    public async Task Bad_heartbeats_get_a_problem_that_says_what_to_fix()
    {
        var project = await _api.CreateProjectAsync();
        var url = $"/api/projects/{project.Id}/presence";
        await CommentApi.ExpectProblemAsync(_api.Http.PutAsJsonAsync($"{url}/short", new { }), HttpStatusCode.BadRequest, "8 to 64");
        await CommentApi.ExpectProblemAsync(_api.Http.PutAsJsonAsync($"{url}/has.dots.in.it", new { }), HttpStatusCode.BadRequest, "8 to 64");
        await CommentApi.ExpectProblemAsync(_api.Http.PutAsJsonAsync($"{url}/{new string('a', 65)}", new { }), HttpStatusCode.BadRequest, "8 to 64");
        await CommentApi.ExpectProblemAsync(_api.Http.PutAsJsonAsync($"{url}/tab-one-1", new { cellId = CellId.New().ToString() }), HttpStatusCode.BadRequest, "not a cell");
        await CommentApi.ExpectProblemAsync(_api.Http.PutAsJsonAsync($"{url}/tab-one-1", new { cellId = "nope" }), HttpStatusCode.BadRequest, "not a cell");
        await CommentApi.ExpectProblemAsync(_api.Http.DeleteAsync($"{url}/short"), HttpStatusCode.BadRequest, "8 to 64");
        await CommentApi.ExpectProblemAsync(_api.Http.GetAsync($"/api/projects/{ProjectId.New()}/presence"), HttpStatusCode.NotFound, "Project");
        Assert.Equal(HttpStatusCode.OK, (await _api.Http.PutAsync($"{url}/{new string('a', 64)}", null)).StatusCode);
        Assert.Equal([new string('a', 64)], (await _api.ViewersAsync(project.Id)).Select(v => v.SessionId));
    }

    [Fact]
    public async Task A_viewer_whose_heartbeats_stop_expires_after_the_ttl_and_watchers_are_told()
    {
        var project = await _api.CreateProjectAsync();
        var id = ProjectId.Parse(project.Id);
        await _api.HeartbeatAsync(project.Id, "tab-gone-1");
        await _api.HeartbeatAsync(project.Id, "tab-kept-2");
        _clock.Advance(TimeSpan.FromSeconds(20));
        await _api.HeartbeatAsync(project.Id, "tab-kept-2");
        _clock.Advance(TimeSpan.FromSeconds(11));

        // The only event with just the kept tab is the expiry of the other one (joins announced one, then two).
        await Realtime.WaitForAsync<PresenceChanged>(id, c => c.Viewers.Count == 1 && c.Viewers[0].SessionId == "tab-kept-2");
        Assert.Equal(["tab-kept-2"], (await _api.ViewersAsync(project.Id)).Select(v => v.SessionId));

        _clock.Advance(TimeSpan.FromSeconds(30));
        await Realtime.WaitForAsync<PresenceChanged>(id, c => c.Viewers.Count == 0);
        Assert.Empty(await _api.ViewersAsync(project.Id));
    }

    [Fact]
    public async Task Reads_leave_out_expired_viewers_even_before_a_sweep()
    {
        using var app = _root.WithWebHostBuilder(b =>
        {
            b.UseSetting("Sept:Presence:SweepInterval", "01:00:00");
            b.ConfigureServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(_clock)));
        });
        var api = new ApiClient(app.CreateClient());
        var project = await api.CreateProjectAsync();
        await api.HeartbeatAsync(project.Id, "tab-old-1");
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Empty(await api.ViewersAsync(project.Id));
        Assert.Equal(["tab-new-2"], (await api.HeartbeatAsync(project.Id, "tab-new-2")).Select(v => v.SessionId));
    }

    [Fact]
    public async Task Closing_a_hub_connection_drops_its_session_and_another_client_hears_it()
    {
        var project = await _api.CreateProjectAsync();
        await using var watcher = await HubListener.ConnectAsync(_app, _api.Http, project.Id, "presenceChanged");
        await using var tab = await HubListener.ConnectAsync(_app, _api.Http, project.Id, "presenceChanged");

        await _api.HeartbeatAsync(project.Id, tab.ConnectionId);
        var joined = await watcher.WaitForAsync("presenceChanged", e => e.GetProperty("viewers").GetArrayLength() == 1);
        Assert.Equal(tab.ConnectionId, joined.GetProperty("viewers")[0].GetProperty("sessionId").GetString());
        Assert.Equal("You", joined.GetProperty("viewers")[0].GetProperty("user").GetProperty("name").GetString());

        await tab.StopAsync();
        var left = await watcher.WaitForAsync("presenceChanged", e => e.GetProperty("viewers").GetArrayLength() == 0);
        Assert.Equal(project.Id, left.GetProperty("projectId").GetString());
        Assert.Empty(await _api.ViewersAsync(project.Id));
    }

    public void Dispose()
    {
        _app.Dispose();
        _root.Dispose();
    }
}
