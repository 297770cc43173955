using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using Sept.Functions.Identity;
using Sept.Functions.Tests.Security;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Mcp;

/// <summary>The MCP server at /api/mcp, driven by the SDK's own client over Streamable HTTP against the app with
/// real kernels: each tool, and the caller's project role on each.</summary>
/// <summary>The app in Jwt mode with real kernel processes.</summary>
public sealed class KernelJwtApplication() : JwtApplication(settings: null);

public sealed class McpServerTests(KernelJwtApplication app) : IClassFixture<KernelJwtApplication>
{
    [Fact]
    public async Task An_agent_lists_the_tools_and_an_anonymous_caller_is_refused()
    {
        await using var client = await ConnectAsync(SecurityScenario.Vic);
        var tools = (await client.ListToolsAsync()).Select(t => t.Name).Order().ToArray();
        Assert.Equal(["add_cell", "edit_cell", "get_table", "list_cells", "list_projects", "read_cell", "run_cell"], tools);

        using var anonymous = app.Anonymous();
        var response = await anonymous.PostAsJsonAsync("/api/mcp", new { jsonrpc = "2.0", id = 1, method = "tools/list" });
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_viewer_reads_the_notebook_but_may_not_run_or_change_it()
    {
        var scenario = await SecurityScenario.CreateAsync(app);
        await using var vic = await ConnectAsync(SecurityScenario.Vic);

        var projects = Json(await CallAsync(vic, "list_projects", new()));
        var project = projects.EnumerateArray().Single(p => p.GetProperty("id").GetString() == scenario.ProjectId);
        Assert.Equal("viewer", project.GetProperty("role").GetString());
        Assert.DoesNotContain(projects.EnumerateArray(), p => p.GetProperty("id").GetString() == scenario.OtherProjectId);

        var cells = Json(await CallAsync(vic, "list_cells", new() { ["projectId"] = scenario.ProjectId }));
        var code = cells.EnumerateArray().First(c => c.GetProperty("id").GetString() == scenario.CodeCellId);
        Assert.Equal("var x = 1;", code.GetProperty("firstLine").GetString());
        Assert.Equal(["x"], code.GetProperty("writes").EnumerateArray().Select(w => w.GetString()));

        var cell = Json(await CallAsync(vic, "read_cell", new() { ["projectId"] = scenario.ProjectId, ["cellId"] = scenario.CodeCellId }));
        Assert.Equal("var x = 1;", cell.GetProperty("source").GetString());

        var run = await CallAsync(vic, "run_cell", new() { ["projectId"] = scenario.ProjectId, ["cellId"] = scenario.CodeCellId }, expectError: true);
        Assert.Contains("needs the editor role", Text(run));
        var add = await CallAsync(vic, "add_cell", new() { ["projectId"] = scenario.ProjectId, ["kind"] = "code", ["source"] = "1" }, expectError: true);
        Assert.Contains("needs the editor role", Text(add));
    }

    [Fact]
    public async Task Another_workspace_s_project_reads_as_missing_like_an_unknown_id()
    {
        var scenario = await SecurityScenario.CreateAsync(app);
        await using var olga = await ConnectAsync(SecurityScenario.Olga);
        var foreign = await CallAsync(olga, "read_cell", new() { ["projectId"] = scenario.ProjectId, ["cellId"] = scenario.CodeCellId }, expectError: true);
        var unknown = await CallAsync(olga, "read_cell", new() { ["projectId"] = Guid.NewGuid().ToString(), ["cellId"] = scenario.CodeCellId }, expectError: true);
        Assert.Equal(Text(unknown).Replace(IdIn(Text(unknown)), "P"), Text(foreign).Replace(scenario.ProjectId, "P"));
        Assert.DoesNotContain("var x", Text(foreign));
    }

    [Fact]
    public async Task An_editor_adds_a_cell_runs_it_on_the_kernel_and_reads_its_table()
    {
        var scenario = await SecurityScenario.CreateAsync(app);
        await using var eddie = await ConnectAsync(SecurityScenario.Eddie);
        var added = Json(await CallAsync(eddie, "add_cell", new()
        {
            ["projectId"] = scenario.ProjectId, ["kind"] = "code", ["source"] = "var doubled = x * 21;\ndoubled",
            ["afterCellId"] = scenario.CodeCellId,
        }));
        Assert.Equal(["x"], added.GetProperty("reads").EnumerateArray().Select(r => r.GetString()));

        var run = Json(await CallAsync(eddie, "run_cell", new()
        {
            ["projectId"] = scenario.ProjectId, ["cellId"] = added.GetProperty("id").GetString(), ["mode"] = "all", ["waitSeconds"] = 120,
        }));
        Assert.True(run.GetProperty("finished").GetBoolean());
        var result = run.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("id").GetString() == added.GetProperty("id").GetString());
        Assert.Equal("success", result.GetProperty("state").GetString());
        Assert.Equal("21", result.GetProperty("output").GetString()!.Trim());

        var sql = Json(await CallAsync(eddie, "add_cell", new() { ["projectId"] = scenario.ProjectId, ["kind"] = "sql", ["source"] = "SELECT {doubled} + 1 AS answer" }));
        var sqlRun = Json(await CallAsync(eddie, "run_cell", new() { ["projectId"] = scenario.ProjectId, ["cellId"] = sql.GetProperty("id").GetString(), ["waitSeconds"] = 120 }));
        Assert.True(sqlRun.GetProperty("finished").GetBoolean());
        var page = Json(await CallAsync(eddie, "get_table", new() { ["projectId"] = scenario.ProjectId, ["cellId"] = sql.GetProperty("id").GetString() }));
        Assert.Equal(22, page.GetProperty("rows")[0][0].GetInt32());
    }

    [Fact]
    public async Task An_editor_cannot_edit_a_cell_someone_else_locked_and_bad_arguments_read_clearly()
    {
        var scenario = await SecurityScenario.CreateAsync(app);
        await using var eddie = await ConnectAsync(SecurityScenario.Eddie);
        var locked = await CallAsync(eddie, "edit_cell", new() { ["projectId"] = scenario.ProjectId, ["cellId"] = scenario.LockedCellId, ["source"] = "var l = 2;" }, expectError: true);
        Assert.Contains("locked this cell", Text(locked));
        var cell = Json(await CallAsync(eddie, "read_cell", new() { ["projectId"] = scenario.ProjectId, ["cellId"] = scenario.LockedCellId }));
        Assert.Equal("var l = 1;", cell.GetProperty("source").GetString());

        var edited = Json(await CallAsync(eddie, "edit_cell", new() { ["projectId"] = scenario.ProjectId, ["cellId"] = scenario.CodeCellId, ["source"] = "var x = 5;" }));
        Assert.Equal("var x = 5;", edited.GetProperty("source").GetString());

        var badKind = await CallAsync(eddie, "add_cell", new() { ["projectId"] = scenario.ProjectId, ["kind"] = "cobol", ["source"] = "" }, expectError: true);
        Assert.Contains("kind must be one of", Text(badKind));
        var badMode = await CallAsync(eddie, "run_cell", new() { ["projectId"] = scenario.ProjectId, ["cellId"] = scenario.CodeCellId, ["mode"] = "stale" }, expectError: true);
        Assert.Contains("mode must be cell, downstream or all", Text(badMode));
    }

    private async Task<McpClient> ConnectAsync(SeptUser user)
    {
        var http = app.ClientFor(user);
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/api/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }, http, ownsHttpClient: true);
        return await McpClient.CreateAsync(transport);
    }

    private static async Task<CallToolResult> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments, bool expectError = false)
    {
        var result = await client.CallToolAsync(tool, arguments);
        Assert.True(expectError == (result.IsError ?? false), $"{tool}: {Text(result)}");
        return result;
    }

    private static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    private static JsonElement Json(CallToolResult result) => JsonDocument.Parse(Text(result)).RootElement;

    private static string IdIn(string text) =>
        System.Text.RegularExpressions.Regex.Match(text, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").Value;
}
