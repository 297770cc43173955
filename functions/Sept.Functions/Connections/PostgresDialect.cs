using System.Data.Common;
using System.Net.Sockets;
using Npgsql;

namespace Sept.Functions.Connections;

/// <summary>PostgreSQL through Npgsql: positional <c>$1</c> parameters; timestamptz reads as DateTimeOffset (UTC), date as DateOnly,
/// json/jsonb as text, arrays as arrays (with nullable elements when they hold null).</summary>
public sealed class PostgresDialect : IConnectionDialect
{
    public ConnectionProvider Provider => ConnectionProvider.Postgres;

    public int DefaultPort => 5432;

    public DbConnection Create(ConnectionRecord connection, string? password, TimeSpan connectTimeout) =>
        new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        {
            Host = connection.Host,
            Port = connection.Port,
            Database = connection.Database,
            Username = connection.Username,
            Password = password,
            Timeout = Math.Max(1, (int)connectTimeout.TotalSeconds),
            CommandTimeout = 0, // the app's token and QueryTimeout bound a query
            ArrayNullabilityMode = ArrayNullabilityMode.PerInstance,
            ApplicationName = "Sept",
        }.ConnectionString);

    public string Placeholder(int index) => $"${index + 1}";

    public DbParameter Parameter(int index, object? value) => new NpgsqlParameter
    {
        // Npgsql writes a DateTimeOffset as timestamptz only with offset 0.
        Value = value switch
        {
            null => DBNull.Value,
            DateTimeOffset time => time.ToUniversalTime(),
            _ => value,
        },
    };

    // Array columns whose elements read as these types (Npgsql reports arrays as System.Array).
    private static readonly Dictionary<string, Type> ArrayElements = new()
    {
        ["smallint"] = typeof(short), ["integer"] = typeof(int), ["bigint"] = typeof(long), ["numeric"] = typeof(decimal),
        ["real"] = typeof(float), ["double precision"] = typeof(double), ["boolean"] = typeof(bool), ["uuid"] = typeof(Guid),
        ["text"] = typeof(string), ["character varying"] = typeof(string), ["character"] = typeof(string), ["json"] = typeof(string),
        ["jsonb"] = typeof(string), ["name"] = typeof(string),
    };

    public Type ColumnType(DbDataReader reader, int ordinal) => reader.GetDataTypeName(ordinal) switch
    {
        "timestamp with time zone" => typeof(DateTimeOffset),
        "date" => typeof(DateOnly),
        "time without time zone" => typeof(TimeOnly),
        [.. var element, '[', ']'] => ArrayElements.TryGetValue(element, out var type) ? type.MakeArrayType() : typeof(object),
        _ => reader.GetFieldType(ordinal),
    };

    public object? Read(DbDataReader reader, int ordinal, Type type) => type switch
    {
        _ when type == typeof(DateTimeOffset) => reader.GetFieldValue<DateTimeOffset>(ordinal),
        _ when type == typeof(DateOnly) => reader.GetFieldValue<DateOnly>(ordinal),
        _ when type == typeof(TimeOnly) => reader.GetFieldValue<TimeOnly>(ordinal),
        // Other arrays keep PostgreSQL's text form, e.g. {2026-01-02,NULL}.
        _ when type == typeof(object) && reader.GetValue(ordinal) is Array array =>
            "{" + string.Join(",", array.Cast<object?>().Select(e => e is null ? "NULL" : Convert.ToString(e, System.Globalization.CultureInfo.InvariantCulture))) + "}",
        _ => reader.GetValue(ordinal),
    };

    public string? Describe(Exception error) => error switch
    {
        PostgresException e => $"{e.MessageText} (SQLSTATE {e.SqlState}){(e.Position > 0 ? $" at character {e.Position}" : "")}",
        NpgsqlException { InnerException: SocketException s } => $"Cannot reach the server: {s.Message}",
        NpgsqlException { InnerException: TimeoutException } => "Timed out connecting to the server.",
        _ => null,
    };

    public string SchemaQuery => """
        SELECT c.table_schema, c.table_name, CASE t.table_type WHEN 'VIEW' THEN 'view' ELSE 'table' END, c.column_name, c.data_type
        FROM information_schema.columns c
        JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
        WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema')
        ORDER BY c.table_schema, c.table_name, c.ordinal_position
        """;
}
