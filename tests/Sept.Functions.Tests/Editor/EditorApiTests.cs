using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Editor;

/// <summary>The editor endpoints on the real app (SQLite store, real Roslyn workspace).</summary>
public sealed class EditorApiTests : IDisposable
{
    private readonly SeptApplication _app = new(_ => new ScriptedKernel());
    private readonly ApiClient _api;

    public EditorApiTests() => _api = new ApiClient(_app.CreateClient());

    private Task<HttpResponseMessage> PostAsync(string projectId, string cellId, string feature, object body) =>
        _api.Http.PostAsJsonAsync($"/api/projects/{projectId}/cells/{cellId}/{feature}", body);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Completion_of_unsaved_typing_lists_members_of_a_name_from_another_cell()
    {
        var project = await _api.CreateProjectAsync();
        var a = await _api.AddCellAsync(project.Id, "code", "var n = \"abc\";");
        var b = await _api.AddCellAsync(project.Id, "code", "", afterCellId: a.Id);
        var list = await JsonAsync(await PostAsync(project.Id, b.Id, "completions", new { position = 10, source = "var s = n." }));
        Assert.Equal(10, list.GetProperty("from").GetInt32());
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("label").GetString() == "Length");

        var names = await JsonAsync(await PostAsync(project.Id, b.Id, "completions", new { position = 1, source = "n" }));
        var n = Assert.Single(names.GetProperty("items").EnumerateArray(), i => i.GetProperty("label").GetString() == "n");
        Assert.Equal("string", n.GetProperty("detail").GetString());
        Assert.Equal(a.Id, n.GetProperty("cell").GetProperty("cellId").GetString());
    }

    [Fact]
    public async Task Diagnostics_show_the_dependent_error_as_soon_as_the_upstream_edit_is_saved()
    {
        var project = await _api.CreateProjectAsync();
        var a = await _api.AddCellAsync(project.Id, "code", "var n = 3;");
        var b = await _api.AddCellAsync(project.Id, "code", "var s = n.ToString(\"D2\");", afterCellId: a.Id);
        await _api.AddCellAsync(project.Id, "markdown", "# notes", afterCellId: b.Id);
        var clean = await JsonAsync(await _api.Http.GetAsync($"/api/projects/{project.Id}/diagnostics"));
        Assert.Equal(2, clean.GetProperty("cells").GetArrayLength()); // C# cells only
        Assert.All(clean.GetProperty("cells").EnumerateArray(), c => Assert.Equal(0, c.GetProperty("errors").GetInt32()));

        (await _api.PatchCellAsync(project.Id, a.Id, a.Version, new { source = "var n = \"three\";" })).EnsureSuccessStatusCode();
        var broken = await JsonAsync(await _api.Http.GetAsync($"/api/projects/{project.Id}/diagnostics"));
        var cellB = Assert.Single(broken.GetProperty("cells").EnumerateArray(), c => c.GetProperty("cellId").GetString() == b.Id);
        Assert.Equal(1, cellB.GetProperty("errors").GetInt32());
        var diagnostic = cellB.GetProperty("diagnostics")[0];
        Assert.Equal("error", diagnostic.GetProperty("severity").GetString());
        Assert.Equal(1, diagnostic.GetProperty("range").GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Hover_and_definition_point_at_the_defining_cell()
    {
        var project = await _api.CreateProjectAsync();
        var a = await _api.AddCellAsync(project.Id, "code", "var price = 10m;");
        var b = await _api.AddCellAsync(project.Id, "code", "var total = price * 2;", afterCellId: a.Id);
        var hover = await JsonAsync(await PostAsync(project.Id, b.Id, "hover", new { position = 14 }));
        Assert.Contains("decimal", hover.GetProperty("signature").GetString());
        Assert.Equal(1, hover.GetProperty("cell").GetProperty("number").GetInt32());
        var definition = await JsonAsync(await PostAsync(project.Id, b.Id, "definition", new { position = 14 }));
        Assert.Equal(a.Id, definition.GetProperty("cellId").GetString());
        Assert.Equal(4, definition.GetProperty("range").GetProperty("from").GetInt32());
    }

    [Fact]
    public async Task Bad_requests_get_problem_details()
    {
        var project = await _api.CreateProjectAsync();
        var code = await _api.AddCellAsync(project.Id, "code", "var x = 1;");
        var markdown = await _api.AddCellAsync(project.Id, "markdown", "# hi");

        var outside = await PostAsync(project.Id, code.Id, "completions", new { position = 11 });
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        Assert.Equal("application/problem+json", outside.Content.Headers.ContentType?.MediaType);
        Assert.Contains("0 to 10", (await outside.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(project.Id, code.Id, "hover", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(project.Id, markdown.Id, "completions", new { position = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(project.Id, Guid.NewGuid().ToString("N"), "hover", new { position = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(project.Id, code.Id, "signature", new { position = 3 })).StatusCode);
        var malformed = await _api.Http.PostAsync($"/api/projects/{project.Id}/cells/{code.Id}/hover",
            new StringContent("{\"position\": \"three\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task A_newer_request_supersedes_the_one_in_flight()
    {
        var superseded = new Sept.Functions.Editor.SupersededRequests();
        using var first = superseded.Begin("user/project/cell/completions", default);
        using var other = superseded.Begin("user/project/other/completions", default);
        using var second = superseded.Begin("user/project/cell/completions", default);
        Assert.True(first.Token.IsCancellationRequested);
        Assert.False(second.Token.IsCancellationRequested);
        Assert.False(other.Token.IsCancellationRequested);
    }

    public void Dispose() => _app.Dispose();
}
