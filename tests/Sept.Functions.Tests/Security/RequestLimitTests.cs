using System.Net;
using System.Net.Http.Json;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Security;

/// <summary>The app with tiny limits: 2 runs per minute per user, 2000-byte JSON bodies.</summary>
public sealed class LimitedApplication() : JwtApplication(null, new Dictionary<string, string>
{
    ["Sept:RateLimits:RunsPerMinute"] = "2",
    ["Sept:MaxJsonBodyBytes"] = "2000",
});

public sealed class RequestLimitTests(LimitedApplication app) : IClassFixture<LimitedApplication>
{
    [Fact]
    public async Task Runs_beyond_the_per_user_rate_are_429_with_retry_after_and_others_still_run()
    {
        var s = await SecurityScenario.CreateAsync(app);
        var eddie = s.ClientOf(Caller.Editor);
        var run = new { cellIds = new[] { s.CodeCellId }, mode = "cell" };
        Assert.Equal(HttpStatusCode.Accepted, (await eddie.PostAsJsonAsync($"/api/projects/{s.ProjectId}/runs", run)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await eddie.PostAsync($"/api/projects/{s.ProjectId}/kernel/interrupt", null)).StatusCode);
        var limited = await eddie.PostAsJsonAsync($"/api/projects/{s.ProjectId}/runs", run);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await eddie.PostAsync($"/api/projects/{s.ProjectId}/kernel/restart", null)).StatusCode);
        // Per user: Ada has her own bucket; reads are not limited.
        Assert.Equal(HttpStatusCode.Accepted, (await s.ClientOf(Caller.Admin).PostAsJsonAsync($"/api/projects/{s.ProjectId}/runs", run)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await eddie.GetAsync($"/api/projects/{s.ProjectId}")).StatusCode);
    }

    [Fact]
    public async Task A_json_body_over_the_limit_is_413_but_uploads_keep_their_own_limit()
    {
        var s = await SecurityScenario.CreateAsync(app);
        var ada = s.ClientOf(Caller.Admin);
        var big = await ada.PostAsJsonAsync($"/api/projects/{s.ProjectId}/cells", new { kind = "code", source = new string('x', 3000) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal("application/problem+json", big.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Created,
            (await ada.PostAsJsonAsync($"/api/projects/{s.ProjectId}/cells", new { kind = "code", source = new string('x', 500) })).StatusCode);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[10_000]), "file", "big.bin" } };
        Assert.Equal(HttpStatusCode.Created, (await ada.PostAsync($"/api/projects/{s.ProjectId}/files", form)).StatusCode);
    }
}
