using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;

namespace Sept.Functions.Connections;

/// <summary>SQL Server and Azure SQL through Microsoft.Data.SqlClient: named <c>@p0</c> parameters with explicit types
/// (so a DateTimeOffset stays datetimeoffset and text stays nvarchar); connections are encrypted (the driver default).</summary>
public sealed class SqlServerDialect : IConnectionDialect
{
    public ConnectionProvider Provider => ConnectionProvider.SqlServer;

    public int DefaultPort => 1433;

    public DbConnection Create(ConnectionRecord connection, string? password, TimeSpan connectTimeout) =>
        new SqlConnection(new SqlConnectionStringBuilder
        {
            DataSource = $"{connection.Host},{connection.Port}",
            InitialCatalog = connection.Database,
            UserID = connection.Username,
            Password = password ?? "",
            ConnectTimeout = Math.Max(1, (int)connectTimeout.TotalSeconds),
            ApplicationName = "Sept",
        }.ConnectionString);

    public string Placeholder(int index) => $"@p{index}";

    public DbParameter Parameter(int index, object? value)
    {
        var parameter = new SqlParameter(Placeholder(index), value ?? DBNull.Value);
        if (TypeOf(value) is { } type) parameter.SqlDbType = type;
        return parameter;
    }

    public static SqlDbType? TypeOf(object? value) => value switch
    {
        bool => SqlDbType.Bit,
        short => SqlDbType.SmallInt,
        int => SqlDbType.Int,
        long => SqlDbType.BigInt,
        float => SqlDbType.Real,
        double => SqlDbType.Float,
        decimal => SqlDbType.Decimal,
        string => SqlDbType.NVarChar,
        DateTime => SqlDbType.DateTime2,
        DateTimeOffset => SqlDbType.DateTimeOffset,
        DateOnly => SqlDbType.Date,
        TimeOnly or TimeSpan => SqlDbType.Time,
        Guid => SqlDbType.UniqueIdentifier,
        byte[] => SqlDbType.VarBinary,
        _ => null,
    };

    public string? Describe(Exception error) => error switch
    {
        SqlException e => $"{e.Message} (error {e.Number})",
        _ => null,
    };

    public string SchemaQuery => """
        SELECT c.TABLE_SCHEMA, c.TABLE_NAME, CASE t.TABLE_TYPE WHEN 'VIEW' THEN 'view' ELSE 'table' END, c.COLUMN_NAME, c.DATA_TYPE
        FROM INFORMATION_SCHEMA.COLUMNS c
        JOIN INFORMATION_SCHEMA.TABLES t ON t.TABLE_SCHEMA = c.TABLE_SCHEMA AND t.TABLE_NAME = c.TABLE_NAME
        ORDER BY c.TABLE_SCHEMA, c.TABLE_NAME, c.ORDINAL_POSITION
        """;
}
