using System.Data;
using Microsoft.Data.SqlClient;
using MySqlConnector;
using Sept.Functions.Connections;
using Sept.Kernel.Protocol;

namespace Sept.Functions.Tests.Connections;

/// <summary>The parameter and typing layer of SQL Server and MySQL, which have no server in the test run (only the
/// PostgreSQL path runs real queries: PostgresConnectionTests).</summary>
public sealed class DialectTests
{
    private static ConnectionRecord Record(ConnectionProvider provider, string host = "db.example.test", int port = 1433) =>
        new("ws", "id", "db", provider, host, port, "sales", "reader", null, 1, default, default);

    [Fact]
    public void Sql_server_placeholders_are_named_and_reused_by_name()
    {
        var (sql, names) = ConnectionSql.Rewrite("SELECT * FROM t WHERE a > {low} AND b < {high} OR a = {low} AND c = '{low}'", new SqlServerDialect());
        Assert.Equal("SELECT * FROM t WHERE a > @p0 AND b < @p1 OR a = @p0 AND c = '{low}'", sql);
        Assert.Equal(["low", "high"], names);
    }

    [Fact]
    public void MySql_placeholders_are_named_and_skip_strings_and_comments()
    {
        var (sql, names) = ConnectionSql.Rewrite("SELECT '{x}', \"{x}\" FROM t /* {y} */ WHERE a = {y} AND b = {z} -- {x}", new MySqlDialect());
        Assert.Equal("SELECT '{x}', \"{x}\" FROM t /* {y} */ WHERE a = @p0 AND b = @p1 -- {x}", sql);
        Assert.Equal(["y", "z"], names);
    }

    [Theory]
    [InlineData(true, SqlDbType.Bit)]
    [InlineData(42, SqlDbType.Int)]
    [InlineData(42L, SqlDbType.BigInt)]
    [InlineData(1.5, SqlDbType.Float)]
    [InlineData("Zoë", SqlDbType.NVarChar)]
    public void Sql_server_parameters_get_explicit_types(object value, SqlDbType expected)
    {
        var parameter = (SqlParameter)new SqlServerDialect().Parameter(3, value);
        Assert.Equal(("@p3", expected, value), (parameter.ParameterName, parameter.SqlDbType, parameter.Value));
    }

    [Fact]
    public void Sql_server_keeps_offsets_dates_decimals_and_nulls()
    {
        var dialect = new SqlServerDialect();
        var offset = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5));
        Assert.Equal(SqlDbType.DateTimeOffset, ((SqlParameter)dialect.Parameter(0, offset)).SqlDbType);
        Assert.Equal(offset, ((SqlParameter)dialect.Parameter(0, offset)).Value);
        Assert.Equal(SqlDbType.Date, ((SqlParameter)dialect.Parameter(0, new DateOnly(2026, 1, 2))).SqlDbType);
        Assert.Equal(SqlDbType.Decimal, ((SqlParameter)dialect.Parameter(0, 12.5m)).SqlDbType);
        Assert.Equal(SqlDbType.UniqueIdentifier, ((SqlParameter)dialect.Parameter(0, Guid.Empty)).SqlDbType);
        Assert.Equal(DBNull.Value, dialect.Parameter(0, null).Value);
    }

    [Fact]
    public void MySql_sends_an_offset_as_its_utc_time_and_null_as_db_null()
    {
        var dialect = new MySqlDialect();
        var parameter = (MySqlParameter)dialect.Parameter(1, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)));
        Assert.Equal(("@p1", new DateTime(2026, 1, 2, 1, 4, 5, DateTimeKind.Utc)), (parameter.ParameterName, (DateTime)parameter.Value!));
        Assert.Equal(DBNull.Value, dialect.Parameter(0, null).Value);
    }

    [Fact]
    public void Connection_strings_come_from_the_driver_builders_so_fields_cannot_inject_keys()
    {
        var sneaky = Record(ConnectionProvider.SqlServer) with { Database = "sales;Integrated Security=true" };
        var sql = new SqlConnectionStringBuilder(new SqlServerDialect().Create(sneaky, "p;w", TimeSpan.FromSeconds(5)).ConnectionString);
        Assert.Equal(("sales;Integrated Security=true", false, "p;w", "db.example.test,1433"), (sql.InitialCatalog, sql.IntegratedSecurity, sql.Password, sql.DataSource));

        var my = new MySqlConnectionStringBuilder(new MySqlDialect().Create(Record(ConnectionProvider.MySql, port: 3306) with { Username = "u;SslMode=None" }, "pw", TimeSpan.FromSeconds(5)).ConnectionString);
        Assert.Equal(("u;SslMode=None", 3306u, MySqlSslMode.Preferred, true), (my.UserID, my.Port, my.SslMode, my.AllowUserVariables));
    }

    [Theory]
    [InlineData(typeof(int), "int32")]
    [InlineData(typeof(decimal), "decimal")]
    [InlineData(typeof(DateTimeOffset), "datetimeoffset")]
    [InlineData(typeof(string[]), "string[]")]
    [InlineData(typeof(int?[]), "int32[]")]
    [InlineData(typeof(byte[]), "bytes")]
    [InlineData(typeof(System.Net.IPAddress), null)]
    public void Driver_types_map_to_wire_types(Type type, string? expected) => Assert.Equal(expected, WireTypes.NameOf(type));

    [Fact]
    public void Wire_values_round_trip_exactly()
    {
        object?[] values =
        [
            12345678901234.5678m, new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(2)), new DateOnly(2026, 1, 2),
            new TimeOnly(3, 4, 5), TimeSpan.FromMinutes(90), Guid.NewGuid(), new byte[] { 0, 255 }, double.NaN, "ü\"", new[] { 1, 2 },
            new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified),
        ];
        foreach (var value in values)
        {
            var type = WireTypes.TypeOf(WireTypes.NameOf(value!.GetType())!)!;
            Assert.Equal(value, WireTypes.Read(WireTypes.ToElement(value), type));
        }
        Assert.Equal(new int?[] { 1, null }, WireTypes.Read(WireTypes.ToElement(new int?[] { 1, null }), typeof(int[])));
    }

    [Fact]
    public void A_query_result_travels_to_the_kernel_inside_the_cells_config()
    {
        using var config = System.Text.Json.JsonDocument.Parse("""{"resultName":"df","connection":"shop","result":"stale"}""");
        var merged = ConnectionCells.WithResult(config.RootElement,
            new QueryResult([new QueryColumn("total", "decimal"), new QueryColumn("tags", "string[]")], [[1.5m, new[] { "a" }], [null, null]], false));
        Assert.Equal("""{"resultName":"df","connection":"shop","result":{"columns":[{"name":"total","type":"decimal"},{"name":"tags","type":"string[]"}],"rows":[[1.5,["a"]],[null,null]]}}""",
            merged.GetRawText());
    }
}
