using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sept.Functions.Identity;
using Sept.Functions.Tests.Support;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Tests.Hardening;

/// <summary>Issue 13 rows 4, 8, 14: Local mode answers only its own host and pages, every response carries the
/// browser protections, and the only user cannot lock themself out.</summary>
public sealed class LocalModeTests : IDisposable
{
    private readonly SeptApplication _app = new(_ => new ScriptedKernel());
    private readonly HttpClient _http;

    public LocalModeTests() => _http = _app.CreateClient();

    [Theory]
    [InlineData("/api/health")]
    [InlineData("/api/projects/not-a-project")]
    [InlineData("/")]
    public async Task Every_response_has_a_strict_csp_nosniff_and_no_framing(string path)
    {
        var response = await _http.GetAsync(path);
        var csp = string.Join(" ", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self';", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("localhost.evil.example")]
    [InlineData("192.168.1.20")]
    public async Task Another_host_name_is_refused(string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/projects");
        request.Headers.Host = host;
        var response = await _http.SendAsync(request);
        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "http://localhost:9999")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task A_state_change_from_another_origin_is_refused(string header, string value)
    {
        var before = (await _http.GetFromJsonAsync<object[]>("/api/projects"))!.Length;
        foreach (var (path, content) in new (string, HttpContent)[]
                 {
                     ("/api/projects", JsonContent.Create(new { name = "drive-by" })),
                     ("/api/projects/import?format=ipynb", new StringContent("""{"nbformat":4,"cells":[]}""", System.Text.Encoding.UTF8, "text/plain")),
                 })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            request.Headers.TryAddWithoutValidation(header, value);
            Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(request)).StatusCode);
        }
        var hub = new HttpRequestMessage(HttpMethod.Post, "/api/hub/negotiate?negotiateVersion=1");
        hub.Headers.TryAddWithoutValidation(header, value);
        Assert.Equal(HttpStatusCode.Forbidden, (await _http.SendAsync(hub)).StatusCode);
        Assert.Equal(before, (await _http.GetFromJsonAsync<object[]>("/api/projects"))!.Length);
    }

    [Fact]
    public async Task Sept_s_own_pages_and_scripts_without_browser_headers_may_change_things()
    {
        var own = new HttpRequestMessage(HttpMethod.Post, "/api/projects") { Content = JsonContent.Create(new { name = "mine" }) };
        own.Headers.TryAddWithoutValidation("Origin", "http://localhost");
        own.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.Created, (await _http.SendAsync(own)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync("/api/projects", new { name = "curl" })).StatusCode);
    }

    [Fact]
    public async Task The_only_user_can_neither_leave_nor_give_up_admin()
    {
        var key = WorkspaceAccess.KeyOf(SeptUser.Local);
        (await _http.PostAsJsonAsync($"/api/workspaces/{LocalWorkspace.Id}/members", new { email = "other@example.org", role = "admin" })).EnsureSuccessStatusCode();
        var demote = await _http.PatchAsJsonAsync($"/api/workspaces/{LocalWorkspace.Id}/members/{Uri.EscapeDataString(key)}", new { role = "viewer" });
        Assert.Equal(HttpStatusCode.Conflict, demote.StatusCode);
        var leave = await _http.DeleteAsync($"/api/workspaces/{LocalWorkspace.Id}/members/{Uri.EscapeDataString(key)}");
        Assert.Equal(HttpStatusCode.Conflict, leave.StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync("/api/projects", new { name = "still admin" })).StatusCode);
    }

    [Fact]
    public async Task A_database_where_the_local_user_was_locked_out_is_repaired_at_start()
    {
        _ = await _http.GetAsync("/api/projects"); // the local workspace exists
        var store = _app.Services.GetRequiredService<IWorkspaceStore>();
        var key = WorkspaceAccess.KeyOf(SeptUser.Local);
        var local = (await store.GetMemberAsync(LocalWorkspace.Id, key, default))!;
        await store.UpdateMemberAsync(local with { Role = WorkspaceRole.Viewer }, default);
        var restarted = new WorkspaceAccess(store, _app.Services.GetRequiredService<IOptions<SeptAuthOptions>>(), TimeProvider.System);
        Assert.Equal(WorkspaceRole.Admin, (await restarted.MembershipAsync(SeptUser.Local, LocalWorkspace.Id, default))!.Role);

        await store.RemoveMemberAsync(LocalWorkspace.Id, key, default);
        restarted = new WorkspaceAccess(store, _app.Services.GetRequiredService<IOptions<SeptAuthOptions>>(), TimeProvider.System);
        Assert.Equal(WorkspaceRole.Admin, (await restarted.MembershipAsync(SeptUser.Local, LocalWorkspace.Id, default))!.Role);
    }

    public void Dispose() => _app.Dispose();
}
