using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Sept.Functions.Connections;

namespace Sept.Functions.Tests.Connections;

/// <summary>Connection queries against a real PostgreSQL, as the analyst role (not a superuser).</summary>
public sealed class PostgresConnectionTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly EphemeralDataProtectionProvider Keys = new();
    private readonly ConnectionSecrets _secrets = new(Keys);

    private ConnectionQueries Queries(int maxRows = 1000) =>
        new([new PostgresDialect(), new SqlServerDialect(), new MySqlDialect()], _secrets, Options.Create(new ConnectionOptions { MaxRows = maxRows }));

    private ConnectionRecord Analyst(string? password = null, int? port = null)
    {
        var id = Guid.NewGuid().ToString("N");
        return new ConnectionRecord("ws", id, "shop", ConnectionProvider.Postgres, postgres.Host, port ?? postgres.Port, postgres.Database,
            postgres.AnalystUser, _secrets.Protect("ws", id, password ?? postgres.AnalystPassword), 1, default, default);
    }

    [Fact]
    public async Task Placeholders_bind_as_server_side_parameters_never_as_text()
    {
        var (sql, names) = ConnectionSql.Rewrite(
            "SELECT id FROM orders WHERE total >= {min_total} AND customer <> {who} AND note IS DISTINCT FROM '{who}' ORDER BY id -- {min_total}",
            new PostgresDialect());
        Assert.Equal(["min_total", "who"], names);
        Assert.Contains("total >= $1 AND customer <> $2 AND note IS DISTINCT FROM '{who}'", sql);

        var result = await Queries().QueryAsync(Analyst(), sql, [50m, "'; DROP TABLE orders; --"], default);
        Assert.Equal([2, 3], result.Rows.Select(r => (int)r[0]!));
        Assert.Equal(3, await postgres.CountAsync("SELECT count(*) FROM orders", inShop: true));
    }

    [Fact]
    public async Task Columns_are_typed_numeric_timestamptz_json_arrays_and_null()
    {
        var result = await Queries().QueryAsync(Analyst(),
            "SELECT id, total, placed_at, details, tags, scores, note, NULL::int AS nothing FROM orders ORDER BY id", [], default);
        Assert.Equal(["int32", "decimal", "datetimeoffset", "string", "string[]", "int32[]", "string", "int32"], result.Columns.Select(c => c.Type));
        var first = result.Rows[0];
        Assert.Equal(12.50m, first[1]);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, 123, 456, TimeSpan.Zero), first[2]);
        Assert.Equal("{\"vip\": true}", first[3]);
        Assert.Equal(new[] { "a", "b" }, first[4]);
        Assert.Equal(new[] { 1, 2 }, first[5]);
        Assert.Null(first[6]);
        Assert.Null(first[7]);
        var second = result.Rows[1];
        Assert.Equal(new DateTimeOffset(2026, 2, 3, 8, 0, 0, TimeSpan.Zero), second[2]);
        Assert.Equal(new int?[] { 3, null }, second[5]);
        Assert.Equal(Array.Empty<string>(), second[4]);
        Assert.Null(result.Rows[2][4]);
    }

    [Fact]
    public async Task Parameters_keep_their_types()
    {
        var result = await Queries().QueryAsync(Analyst(),
            "SELECT $1::timestamptz AS t, $2::date AS d, $3::bigint + 1 AS n, $4::text AS s, $5::numeric * 2 AS m",
            [new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)), new DateOnly(2026, 5, 6), 41L, null, 1.25m], default);
        var row = Assert.Single(result.Rows);
        Assert.Equal(new DateTimeOffset(2026, 5, 6, 5, 8, 9, TimeSpan.Zero), row[0]);
        Assert.Equal(new DateOnly(2026, 5, 6), row[1]);
        Assert.Equal(["datetimeoffset", "date", "int64", "string", "decimal"], result.Columns.Select(c => c.Type));
        Assert.Equal((42L, (object?)null, 2.50m), ((long)row[2]!, row[3], (decimal)row[4]!));
    }

    [Fact]
    public async Task A_row_cap_keeps_the_first_rows_and_says_there_were_more()
    {
        var result = await Queries(maxRows: 5).QueryAsync(Analyst(), "SELECT g FROM generate_series(1, 100) g", [], default);
        Assert.True(result.Truncated);
        Assert.Equal([1, 2, 3, 4, 5], result.Rows.Select(r => (int)r[0]!));
        Assert.False((await Queries(maxRows: 5).QueryAsync(Analyst(), "SELECT g FROM generate_series(1, 5) g", [], default)).Truncated);
    }

    [Fact]
    public async Task Cancelling_stops_the_query_on_the_server()
    {
        var marker = $"sept_cancel_{Guid.NewGuid():N}";
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Queries().QueryAsync(Analyst(), $"SELECT pg_sleep(60) AS {marker}", [], cancel.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
        // The server no longer runs it (not just the client giving up).
        var active = await postgres.CountAsync($"SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%{marker}%' AND pid <> pg_backend_pid()");
        for (var i = 0; i < 20 && active > 0; i++)
        {
            await Task.Delay(100);
            active = await postgres.CountAsync($"SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%{marker}%' AND pid <> pg_backend_pid()");
        }
        Assert.Equal(0, active);
    }

    [Fact]
    public async Task A_wrong_password_is_a_clear_error_that_does_not_echo_the_password()
    {
        var connection = Analyst(password: "not-the-password-123");
        var failed = await Assert.ThrowsAsync<ConnectionFailed>(() => Queries().TestAsync(connection, "not-the-password-123", default));
        Assert.Contains("password authentication failed", failed.Message);
        Assert.DoesNotContain("not-the-password-123", failed.Message);
        await Assert.ThrowsAsync<ConnectionFailed>(() => Queries().QueryAsync(connection, "SELECT 1", [], default));
    }

    [Fact]
    public async Task An_unreachable_host_is_a_clear_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var failed = await Assert.ThrowsAsync<ConnectionFailed>(() => Queries().TestAsync(Analyst(port: closedPort), postgres.AnalystPassword, default));
        Assert.StartsWith("Cannot reach the server", failed.Message);
    }

    [Fact]
    public async Task A_permission_error_names_the_table_and_the_sqlstate()
    {
        var failed = await Assert.ThrowsAsync<ConnectionFailed>(() => Queries().QueryAsync(Analyst(), "SELECT * FROM salaries", [], default));
        Assert.Equal("permission denied for table salaries (SQLSTATE 42501)", failed.Message);
    }

    [Fact]
    public async Task Test_connection_reports_the_server_version()
    {
        var (version, elapsed) = await Queries().TestAsync(Analyst(), postgres.AnalystPassword, default);
        Assert.Matches(@"^\d+(\.\d+)*", version);
        Assert.True(elapsed > 0);
    }

    [Fact]
    public async Task The_schema_lists_tables_and_columns_the_role_can_see()
    {
        var schemas = new ConnectionSchemas(Queries(), TimeProvider.System);
        var schema = await schemas.GetAsync(Analyst(), refresh: false, default);
        var orders = Assert.Single(schema.Tables, t => t.Name == "orders");
        Assert.Equal(("public", "table"), (orders.Schema, orders.Kind));
        Assert.Equal(["id", "customer", "total", "placed_at", "details", "tags", "scores", "note"], orders.Columns.Select(c => c.Name));
        Assert.Equal("numeric", orders.Columns[2].Type);
    }
}
