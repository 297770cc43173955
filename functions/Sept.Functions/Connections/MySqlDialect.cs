using System.Data.Common;
using MySqlConnector;

namespace Sept.Functions.Connections;

/// <summary>MySQL and MariaDB through MySqlConnector: named <c>@p0</c> parameters. User variables stay allowed, so a
/// query's own <c>@x</c> is not mistaken for a missing parameter. MySQL has no zoned timestamp: a DateTimeOffset
/// parameter is sent as its UTC time.</summary>
public sealed class MySqlDialect : IConnectionDialect
{
    public ConnectionProvider Provider => ConnectionProvider.MySql;

    public int DefaultPort => 3306;

    public DbConnection Create(ConnectionRecord connection, string? password, TimeSpan connectTimeout) =>
        new MySqlConnection(new MySqlConnectionStringBuilder
        {
            Server = connection.Host,
            Port = (uint)connection.Port,
            Database = connection.Database,
            UserID = connection.Username,
            Password = password ?? "",
            ConnectionTimeout = (uint)Math.Max(1, (int)connectTimeout.TotalSeconds),
            DefaultCommandTimeout = 0,
            AllowUserVariables = true,
            ApplicationName = "Sept",
        }.ConnectionString);

    public string Placeholder(int index) => $"@p{index}";

    public DbParameter Parameter(int index, object? value) => new MySqlParameter(Placeholder(index), value switch
    {
        null => DBNull.Value,
        DateTimeOffset time => time.UtcDateTime,
        _ => value,
    });

    public string? Describe(Exception error) => error switch
    {
        MySqlException e => $"{e.Message} (error {e.Number})",
        _ => null,
    };

    public string SchemaQuery => """
        SELECT c.TABLE_SCHEMA, c.TABLE_NAME, CASE t.TABLE_TYPE WHEN 'VIEW' THEN 'view' ELSE 'table' END, c.COLUMN_NAME, c.DATA_TYPE
        FROM INFORMATION_SCHEMA.COLUMNS c
        JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
        WHERE c.TABLE_SCHEMA = DATABASE()
        ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION
        """;
}
