namespace Sept.Functions.Connections;

/// <summary>The databases a connection can point at; each has an <see cref="IConnectionDialect"/>.</summary>
public enum ConnectionProvider
{
    Postgres,
    SqlServer,
    MySql,
}

/// <summary>A workspace's connection to a database. <paramref name="ProtectedPassword"/> is the password encrypted by
/// <see cref="ConnectionSecrets"/> (null when the database needs none); nothing else here is secret.</summary>
public sealed record ConnectionRecord(
    string WorkspaceId,
    string Id,
    string Name,
    ConnectionProvider Provider,
    string Host,
    int Port,
    string Database,
    string Username,
    string? ProtectedPassword,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
