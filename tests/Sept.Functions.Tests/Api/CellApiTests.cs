using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sept.Functions.Cells;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Api;

public sealed class CellApiTests : IDisposable
{
    private readonly SeptApplication _app = new(_ => new ScriptedKernel());
    private readonly ApiClient _api;

    public CellApiTests() => _api = new ApiClient(_app.CreateClient());

    [Fact]
    public async Task Cells_are_inserted_after_a_given_cell_and_come_back_in_order()
    {
        var project = await _api.CreateProjectAsync();
        var a = await _api.AddCellAsync(project.Id, "code", "var a = 1;");
        var c = await _api.AddCellAsync(project.Id, "code", "var c = a + 1;", afterCellId: a.Id);
        var b = await _api.AddCellAsync(project.Id, "markdown", "# between", afterCellId: a.Id);
        var top = await _api.AddCellAsync(project.Id, "code", "var top = 0;");
        var cells = (await _api.GetProjectAsync(project.Id)).Cells!;
        Assert.Equal([a.Id, b.Id, c.Id, top.Id], cells.Select(x => x.Id));
    }

    [Fact]
    public async Task A_cell_shows_what_it_reads_and_writes_and_unbound_reads_are_errors()
    {
        var project = await _api.CreateProjectAsync();
        var reader = await _api.AddCellAsync(project.Id, "code", "var total = price * 2;");
        Assert.Equal(["total"], reader.Writes);
        Assert.Equal(["price"], reader.Reads);
        Assert.Contains(reader.Problems, p => p.Code == "unbound" && p.Message.Contains("price"));

        var writer = await _api.AddCellAsync(project.Id, "code", "var price = 10;");
        var moved = await _api.Http.PostAsJsonAsync($"/api/projects/{project.Id}/cells/{writer.Id}/move", new { afterCellId = (string?)null });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var cells = (await _api.GetProjectAsync(project.Id)).Cells!;
        Assert.Equal(writer.Id, cells[0].Id);
        Assert.DoesNotContain(cells[1].Problems, p => p.Code == "unbound");
    }

    [Fact]
    public async Task Input_sql_and_chart_cells_take_their_names_from_config()
    {
        var project = await _api.CreateProjectAsync();
        var input = await _api.AddCellAsync(project.Id, "input", "", config: new { name = "n", type = "slider", value = 3 });
        var sql = await _api.AddCellAsync(project.Id, "sql", "SELECT 1", afterCellId: input.Id, config: new { resultName = "df" });
        var chart = await _api.AddCellAsync(project.Id, "chart", "", afterCellId: sql.Id, config: new { data = "df", mark = "bar" });
        Assert.Equal(["n"], input.Writes);
        Assert.Equal(["df"], sql.Writes);
        Assert.Equal(["df"], chart.Reads);
        Assert.Equal("bar", chart.Config!.Value.GetProperty("mark").GetString());
    }

    [Fact]
    public async Task An_edit_without_if_match_gets_428()
    {
        var project = await _api.CreateProjectAsync();
        var cell = await _api.AddCellAsync(project.Id, "code", "1");
        var response = await _api.PatchCellAsync(project.Id, cell.Id, null, new { source = "2" });
        Assert.Equal((HttpStatusCode)428, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Two_editors_of_one_version_the_second_gets_412_with_the_first_ones_edit()
    {
        var project = await _api.CreateProjectAsync();
        var cell = await _api.AddCellAsync(project.Id, "code", "var x = 1;");
        var first = await _api.PatchCellAsync(project.Id, cell.Id, cell.Version, new { source = "var x = 2;" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var second = await _api.PatchCellAsync(project.Id, cell.Id, cell.Version, new { source = "var x = 3;" });
        Assert.Equal(HttpStatusCode.PreconditionFailed, second.StatusCode);
        using var problem = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        var current = problem.RootElement.GetProperty("current");
        Assert.Equal("var x = 2;", current.GetProperty("source").GetString());
        Assert.Equal(cell.Version + 1, current.GetProperty("version").GetInt64());
        var retried = await _api.PatchCellAsync(project.Id, cell.Id, current.GetProperty("version").GetInt64(), new { source = "var x = 3;" });
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("var x = 3;", (await _api.GetProjectAsync(project.Id)).Cells![0].Source);
    }

    [Fact]
    public async Task A_source_over_one_megabyte_is_refused()
    {
        var project = await _api.CreateProjectAsync();
        var response = await _api.Http.PostAsJsonAsync($"/api/projects/{project.Id}/cells",
            new { kind = "code", source = new string('x', CellCommands.MaxSourceLength + 1) });
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_cell_removes_it_and_unknown_cells_are_404()
    {
        var project = await _api.CreateProjectAsync();
        var cell = await _api.AddCellAsync(project.Id, "code", "1");
        Assert.Equal(HttpStatusCode.NoContent, (await _api.Http.DeleteAsync($"/api/projects/{project.Id}/cells/{cell.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _api.Http.DeleteAsync($"/api/projects/{project.Id}/cells/{cell.Id}")).StatusCode);
        Assert.Empty((await _api.GetProjectAsync(project.Id)).Cells!);
    }

    [Fact]
    public async Task The_graph_lists_cells_edges_and_unbound_reads()
    {
        var project = await _api.CreateProjectAsync();
        var a = await _api.AddCellAsync(project.Id, "code", "var a = 1;");
        var b = await _api.AddCellAsync(project.Id, "code", "var b = a + missing;");
        using var graph = JsonDocument.Parse(await _api.Http.GetStringAsync($"/api/projects/{project.Id}/graph"));
        var root = graph.RootElement;
        Assert.Equal([a.Id, b.Id], root.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("cellId").GetString()));
        var edge = Assert.Single(root.GetProperty("edges").EnumerateArray());
        Assert.Equal((a.Id, b.Id, "a"), (edge.GetProperty("from").GetString(), edge.GetProperty("to").GetString(), edge.GetProperty("name").GetString()));
        Assert.Equal("missing", Assert.Single(root.GetProperty("unbound").EnumerateArray()).GetProperty("name").GetString());
        Assert.Empty(root.GetProperty("cycles").EnumerateArray());
    }

    public void Dispose() => _app.Dispose();
}
