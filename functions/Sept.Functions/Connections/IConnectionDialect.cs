using System.Data.Common;

namespace Sept.Functions.Connections;

/// <summary>What differs per database: the driver's connection, the server-side parameter syntax, how a value binds,
/// how a column reads, and how a driver error reads to a user.</summary>
public interface IConnectionDialect
{
    ConnectionProvider Provider { get; }

    int DefaultPort { get; }

    /// <summary>An unopened connection. Built with the driver's builder, so no field can inject connection-string keys.</summary>
    DbConnection Create(ConnectionRecord connection, string? password, TimeSpan connectTimeout);

    /// <summary>The text of the 0-based <paramref name="index"/>th parameter in the query ($1 or @p0).</summary>
    string Placeholder(int index);

    /// <summary>The driver parameter for the 0-based <paramref name="index"/>th placeholder.</summary>
    DbParameter Parameter(int index, object? value);

    /// <summary>The CLR type a column is read as (e.g. timestamptz as DateTimeOffset rather than the driver's DateTime).</summary>
    Type ColumnType(DbDataReader reader, int ordinal) => reader.GetFieldType(ordinal);

    object? Read(DbDataReader reader, int ordinal, Type type) => reader.GetValue(ordinal);

    /// <summary>A one-line reason for a failed connect or query, without driver noise; null to use the exception's message.</summary>
    string? Describe(Exception error);

    /// <summary>One row per column of every table and view the user can see: schema, table, kind ('table'|'view'), column, type.</summary>
    string SchemaQuery { get; }
}
