using Microsoft.Data.Sqlite;
using Sept.Functions.Connections;
using static Sept.Functions.Storage.Sqlite.SqliteRows;

namespace Sept.Functions.Storage.Sqlite;

/// <summary><see cref="IConnectionStore"/> on the notebook database. The unique (workspace, lower(name)) index turns a
/// taken name into "Exists"; connections go with their workspace.</summary>
public sealed class SqliteConnectionStore(SqliteDatabase database, TimeProvider clock) : IConnectionStore
{
    public const string Migration = """
        CREATE TABLE data_connections (
            workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE, id TEXT NOT NULL, name TEXT NOT NULL,
            provider TEXT NOT NULL, host TEXT NOT NULL, port INTEGER NOT NULL, database TEXT NOT NULL, username TEXT NOT NULL,
            protected_password TEXT NULL, version INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (workspace_id, id));
        CREATE UNIQUE INDEX data_connections_name ON data_connections (workspace_id, lower(name));
        """;

    private const string Columns = "workspace_id, id, name, provider, host, port, database, username, protected_password, version, created_at, updated_at";

    public async Task<IReadOnlyList<ConnectionRecord>> ListAsync(string workspaceId, CancellationToken cancellationToken) =>
        await database.QueryAsync($"SELECT {Columns} FROM data_connections WHERE workspace_id = $workspace ORDER BY lower(name)",
            c => c.Parameters.AddWithValue("$workspace", workspaceId), Read, cancellationToken);

    public async Task<ConnectionRecord?> GetAsync(string workspaceId, string connectionId, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {Columns} FROM data_connections WHERE workspace_id = $workspace AND id = $id",
            c => { c.Parameters.AddWithValue("$workspace", workspaceId); c.Parameters.AddWithValue("$id", connectionId); },
            Read, cancellationToken)).SingleOrDefault();

    public async Task<ConnectionRecord?> FindByNameAsync(string workspaceId, string name, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {Columns} FROM data_connections WHERE workspace_id = $workspace AND lower(name) = lower($name)",
            c => { c.Parameters.AddWithValue("$workspace", workspaceId); c.Parameters.AddWithValue("$name", name); },
            Read, cancellationToken)).SingleOrDefault();

    public async Task<SaveOutcome<ConnectionRecord>> CreateAsync(ConnectionRecord connection, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stored = connection with { Version = 1, CreatedAt = now, UpdatedAt = now };
        try
        {
            var rows = await database.ExecuteAsync(
                $"INSERT INTO data_connections ({Columns}) SELECT $workspace, $id, $name, $provider, $host, $port, $database, $username, $password, 1, $created, $updated " +
                "WHERE EXISTS (SELECT 1 FROM workspaces WHERE id = $workspace)",
                c => Bind(c, stored), cancellationToken);
            return rows == 1 ? new SaveOutcome<ConnectionRecord>.Saved(stored) : new SaveOutcome<ConnectionRecord>.NotFound();
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: the name or id is taken
        {
            return new SaveOutcome<ConnectionRecord>.Exists();
        }
    }

    public async Task<SaveOutcome<ConnectionRecord>> UpdateAsync(ConnectionRecord connection, long expectedVersion, CancellationToken cancellationToken)
    {
        int rows;
        try
        {
            rows = await database.ExecuteAsync(
                "UPDATE data_connections SET name = $name, provider = $provider, host = $host, port = $port, database = $database, " +
                "username = $username, protected_password = $password, version = $expected + 1, updated_at = $updated " +
                "WHERE workspace_id = $workspace AND id = $id AND version = $expected",
                c => { Bind(c, connection with { UpdatedAt = clock.GetUtcNow() }); c.Parameters.AddWithValue("$expected", expectedVersion); },
                cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            return new SaveOutcome<ConnectionRecord>.Exists();
        }
        var current = await GetAsync(connection.WorkspaceId, connection.Id, cancellationToken);
        return (rows, current) switch
        {
            (_, null) => new SaveOutcome<ConnectionRecord>.NotFound(),
            (1, _) => new SaveOutcome<ConnectionRecord>.Saved(current),
            _ => new SaveOutcome<ConnectionRecord>.Stale(current),
        };
    }

    public async Task<bool> DeleteAsync(string workspaceId, string connectionId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM data_connections WHERE workspace_id = $workspace AND id = $id",
            c => { c.Parameters.AddWithValue("$workspace", workspaceId); c.Parameters.AddWithValue("$id", connectionId); },
            cancellationToken) == 1;

    private static ConnectionRecord Read(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<ConnectionProvider>(r.GetString(3)), r.GetString(4), r.GetInt32(5),
        r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8), r.GetInt64(9), Time(r.GetString(10)), Time(r.GetString(11)));

    private static void Bind(SqliteCommand c, ConnectionRecord connection)
    {
        c.Parameters.AddWithValue("$workspace", connection.WorkspaceId);
        c.Parameters.AddWithValue("$id", connection.Id);
        c.Parameters.AddWithValue("$name", connection.Name);
        c.Parameters.AddWithValue("$provider", connection.Provider.ToString());
        c.Parameters.AddWithValue("$host", connection.Host);
        c.Parameters.AddWithValue("$port", connection.Port);
        c.Parameters.AddWithValue("$database", connection.Database);
        c.Parameters.AddWithValue("$username", connection.Username);
        c.Parameters.AddWithValue("$password", (object?)connection.ProtectedPassword ?? DBNull.Value);
        c.Parameters.AddWithValue("$created", Text(connection.CreatedAt));
        c.Parameters.AddWithValue("$updated", Text(connection.UpdatedAt));
    }
}
