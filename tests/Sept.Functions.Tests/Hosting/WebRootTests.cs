using System.Net;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Hosting;

public sealed class WebRootTests : IDisposable
{
    private readonly TempFolder _web = new();
    private readonly SeptApplication _app;

    public WebRootTests()
    {
        File.WriteAllText(Path.Combine(_web.Path, "index.html"), "<html>sept ui</html>");
        Directory.CreateDirectory(Path.Combine(_web.Path, "assets"));
        File.WriteAllText(Path.Combine(_web.Path, "assets", "app.js"), "console.log('sept')");
        _app = new SeptApplication(_ => new ScriptedKernel(), _web.Path);
    }

    [Fact]
    public async Task The_web_ui_is_served_with_a_fallback_for_client_routes_but_not_for_the_api()
    {
        var client = _app.CreateClient();
        Assert.Equal("<html>sept ui</html>", await client.GetStringAsync("/"));
        Assert.Equal("console.log('sept')", await client.GetStringAsync("/assets/app.js"));
        Assert.Equal("<html>sept ui</html>", await client.GetStringAsync("/projects/123"));
        var api = await client.GetAsync("/api/no-such-thing");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    public void Dispose()
    {
        _app.Dispose();
        _web.Dispose();
    }
}
