using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sept.Functions.Cells;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;
using Sept.Functions.Tests.Support;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Connections;

public sealed class ConnectionApplication : SeptApplication;

/// <summary>The issue's "done when": an admin adds the local PostgreSQL, a SQL cell with {min_total} from an input
/// returns typed rows that C# and DuckDB SQL use, and the password is nowhere readable. Real kernels, real PostgreSQL.</summary>
public sealed class ConnectionEndToEndTests(ConnectionApplication app, PostgresFixture postgres)
    : IClassFixture<ConnectionApplication>, IClassFixture<PostgresFixture>
{
    private readonly ApiClient _api = new(app.CreateClient());

    private static string Connections => $"/api/workspaces/{LocalWorkspace.Id}/connections";

    private async Task<JsonElement> AddShopAsync(string name)
    {
        var created = await _api.Http.PostAsJsonAsync(Connections, new
        {
            name, provider = "postgres", host = postgres.Host, port = postgres.Port, database = postgres.Database,
            username = postgres.AnalystUser, password = postgres.AnalystPassword,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var text = await created.Content.ReadAsStringAsync();
        Assert.DoesNotContain(postgres.AnalystPassword, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [Fact]
    public async Task A_sql_cell_on_a_connection_feeds_csharp_and_duckdb_with_typed_rows()
    {
        var shop = await AddShopAsync("shop");
        Assert.True(shop.GetProperty("hasPassword").GetBoolean());
        var test = await (await _api.Http.PostAsync($"{Connections}/{shop.GetProperty("id").GetString()}/test", null)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(test.GetProperty("ok").GetBoolean(), test.ToString());

        var project = await _api.CreateProjectAsync("shop report");
        var input = await _api.AddCellAsync(project.Id, "input", "", config: new { name = "min_total", type = "number", value = 50 });
        var sql = await _api.AddCellAsync(project.Id, "sql",
            "SELECT id, customer, total, placed_at, tags FROM orders WHERE total >= {min_total} ORDER BY id",
            config: new { resultName = "big", connection = "shop" });
        var code = await _api.AddCellAsync(project.Id, "code", "big.Sum(r => r.total) + \" \" + big.First().placed_at.Offset + \" \" + (big.First().tags?.Length ?? -1)");
        var duck = await _api.AddCellAsync(project.Id, "sql", "SELECT count(*) AS n, max(customer) AS last FROM big", config: new { resultName = "summary" });
        Assert.Equal(["min_total"], sql.Reads);

        await WaitForRunAsync(project.Id, (await _api.RunAsync(project.Id, "all")).RunId);
        var cells = (await _api.GetProjectAsync(project.Id)).Cells!.ToDictionary(c => c.Id);
        Assert.All(cells.Values, c => Assert.True(c.State == "success", $"{c.Kind}: {Describe(c)}"));
        Assert.Equal("349.99 00:00:00 0", Text(cells[code.Id]));
        var table = cells[sql.Id].Outputs.OfType<DisplayOutput>().Single().Data["application/vnd.sept.table+json"];
        Assert.Equal(2, table.GetProperty("totalRows").GetInt32());
        Assert.Contains("\"cy\"", table.GetProperty("rows").GetRawText());
        Assert.Equal("[[2,\"cy\"]]", cells[duck.Id].Outputs.OfType<DisplayOutput>().Single().Data["application/vnd.sept.table+json"].GetProperty("rows").GetRawText());

        // The input changes: the connection cell and its dependents run again with the new parameter.
        var patched = await _api.PatchCellAsync(project.Id, input.Id, cells[input.Id].Version,
            new { config = new { name = "min_total", type = "number", value = 200 } });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        await app.Realtime.WaitForAsync<CellUpdated>(ProjectId.Parse(project.Id),
            u => u.Cell.Id == code.Id && u.Cell.State == "success" && Text(u.Cell).StartsWith("250.00", StringComparison.Ordinal), TimeSpan.FromSeconds(120));

        // The password is nowhere readable: not in the API, not in the database (Data Protection ciphertext), whose
        // keys are in the data directory's keys folder.
        var listed = await _api.Http.GetStringAsync(Connections);
        Assert.DoesNotContain(postgres.AnalystPassword, listed);
        await using (var db = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "sept.db")}"))
        {
            await db.OpenAsync();
            await using var read = db.CreateCommand();
            read.CommandText = "SELECT protected_password FROM data_connections WHERE name = 'shop'";
            var stored = (string)(await read.ExecuteScalarAsync())!;
            Assert.DoesNotContain(postgres.AnalystPassword, stored);
            Assert.True(stored.Length > 40);
        }
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(app.DataDirectory, "keys"), "key-*.xml"));
        var outputs = JsonSerializer.Serialize((await _api.GetProjectAsync(project.Id)).Cells, ApiClient.Json);
        Assert.DoesNotContain(postgres.AnalystPassword, outputs);
    }

    [Fact]
    public async Task Interrupt_cancels_the_query_on_the_server()
    {
        await AddShopAsync("slow");
        var project = await _api.CreateProjectAsync("slow query");
        var marker = $"sept_interrupt_{Guid.NewGuid():N}";
        var cell = await _api.AddCellAsync(project.Id, "sql", $"SELECT pg_sleep(60) AS {marker}", config: new { connection = "slow" });
        var run = await _api.RunAsync(project.Id, "cell", cell.Id);
        await app.Realtime.WaitForAsync<CellUpdated>(ProjectId.Parse(project.Id), u => u.Cell.Id == cell.Id && u.Cell.State == "running");
        var activeSql = $"SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%{marker}%' AND pid <> pg_backend_pid()";
        for (var i = 0; i < 50 && await postgres.CountAsync(activeSql) == 0; i++) await Task.Delay(100);
        Assert.Equal(1, await postgres.CountAsync(activeSql));

        var interrupt = await _api.Http.PostAsync($"/api/projects/{project.Id}/kernel/interrupt", null);
        Assert.Equal("interrupted", (await interrupt.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcome").GetString());
        await WaitForRunAsync(project.Id, run.RunId);
        var done = (await _api.GetProjectAsync(project.Id)).Cells![0];
        Assert.Equal("stale", done.State);
        Assert.Equal("Interrupted", done.Outputs.OfType<ErrorOutput>().Single().Ename);
        for (var i = 0; i < 20 && await postgres.CountAsync(activeSql) > 0; i++) await Task.Delay(100);
        Assert.Equal(0, await postgres.CountAsync(activeSql));
    }

    [Fact]
    public async Task Database_errors_and_unknown_connections_are_readable_cell_errors()
    {
        await AddShopAsync("locked");
        var project = await _api.CreateProjectAsync("errors");
        var denied = await _api.AddCellAsync(project.Id, "sql", "SELECT * FROM salaries", config: new { connection = "locked" });
        var unknown = await _api.AddCellAsync(project.Id, "sql", "SELECT 1", config: new { connection = "nowhere" });
        var collection = await _api.AddCellAsync(project.Id, "code", "var ids = new[] { 1, 2 };");
        var bad = await _api.AddCellAsync(project.Id, "sql", "SELECT * FROM orders WHERE id = {ids}", config: new { connection = "locked" });
        await WaitForRunAsync(project.Id, (await _api.RunAsync(project.Id, "all")).RunId);
        var cells = (await _api.GetProjectAsync(project.Id)).Cells!.ToDictionary(c => c.Id);
        Assert.Equal(("SqlError", "permission denied for table salaries (SQLSTATE 42501)"), Error(cells[denied.Id]));
        Assert.Equal(("ConnectionError", "This workspace has no connection named 'nowhere'."), Error(cells[unknown.Id]));
        Assert.Equal("SqlError", Error(cells[bad.Id]).Ename);
        Assert.Contains("collection", Error(cells[bad.Id]).Message);
        Assert.Equal("success", cells[collection.Id].State);
    }

    private static (string Ename, string Message) Error(CellDto cell) =>
        cell.Outputs.OfType<ErrorOutput>().Select(e => (e.Ename, e.Message)).Single();

    private static string Text(CellDto cell) =>
        cell.Outputs.OfType<DisplayOutput>().SingleOrDefault()?.Data["text/plain"].GetString() ?? "";

    private static string Describe(CellDto cell) => string.Join(" | ", cell.Outputs.Select(o => JsonSerializer.Serialize(o, ApiClient.Json)));

    private Task<RunFinished> WaitForRunAsync(string projectId, string runId) =>
        app.Realtime.WaitForAsync<RunFinished>(ProjectId.Parse(projectId), f => f.RunId == runId, TimeSpan.FromSeconds(120));
}
