using Microsoft.Data.Sqlite;

namespace Sept.Functions.Storage.Sqlite;

/// <summary>Opens connections to the notebook database and brings its schema up to date once.
/// Migrations are numbered in code; PRAGMA user_version records the last one applied.</summary>
public sealed class SqliteDatabase
{
    private static readonly string[] Migrations =
    [
        // 1: projects, cells (one row per cell, ordered by order_key), run history.
        """
        CREATE TABLE projects (
            id TEXT PRIMARY KEY, name TEXT NOT NULL, reactive INTEGER NOT NULL, version INTEGER NOT NULL,
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
        CREATE TABLE cells (
            project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, id TEXT NOT NULL,
            kind TEXT NOT NULL, source TEXT NOT NULL, config TEXT NULL, order_key TEXT NOT NULL,
            version INTEGER NOT NULL, revision INTEGER NOT NULL, state TEXT NOT NULL, outputs TEXT NOT NULL,
            execution_count INTEGER NOT NULL, last_run_ms REAL NULL, updated_at TEXT NOT NULL,
            PRIMARY KEY (project_id, id));
        CREATE INDEX cells_order ON cells (project_id, order_key);
        CREATE TABLE runs (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
            cell_id TEXT NOT NULL, run_id TEXT NOT NULL, reason TEXT NOT NULL, status TEXT NOT NULL,
            started_at TEXT NOT NULL, duration_ms REAL NOT NULL, source TEXT NOT NULL, outputs TEXT NOT NULL);
        CREATE INDEX runs_cell ON runs (project_id, cell_id, seq);
        """,
        // 2: identity. Workspaces with members (keyed by lowercased email); every project belongs to one workspace.
        // Existing projects move into the local workspace, whose admin is the local user.
        SqliteWorkspaceSchema.Migration,
        // 3: comment threads on cells and their comments (a thread's comments go with it).
        """
        CREATE TABLE comment_threads (
            project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, id TEXT NOT NULL, cell_id TEXT NOT NULL,
            created_at TEXT NOT NULL, resolved_by TEXT NULL, resolved_at TEXT NULL,
            PRIMARY KEY (project_id, id));
        CREATE INDEX comment_threads_cell ON comment_threads (project_id, cell_id);
        CREATE TABLE comments (
            project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, id TEXT NOT NULL, thread_id TEXT NOT NULL,
            cell_id TEXT NOT NULL, author TEXT NOT NULL, body TEXT NOT NULL, mentions TEXT NOT NULL,
            created_at TEXT NOT NULL, edited_at TEXT NULL, version INTEGER NOT NULL,
            PRIMARY KEY (project_id, id),
            FOREIGN KEY (project_id, thread_id) REFERENCES comment_threads(project_id, id) ON DELETE CASCADE);
        CREATE INDEX comments_thread ON comments (project_id, thread_id, created_at);
        """,
        // 4: version history.
        SqliteVersionSchema.Migration,
        // 5: a project's own cell time limit (null: the host's default).
        "ALTER TABLE projects ADD COLUMN cell_timeout_seconds INTEGER NULL;",
        // 6: cell locks (who holds one; null when unlocked).
        """
        ALTER TABLE cells ADD COLUMN locked_by TEXT NULL;
        ALTER TABLE cells ADD COLUMN locked_by_name TEXT NULL;
        ALTER TABLE cells ADD COLUMN locked_at TEXT NULL;
        """,
        // 7: schedules and their run history.
        SqliteScheduleStore.Migration,
        // 8: data connections per workspace; the password column holds Data Protection ciphertext (Connections/ConnectionSecrets.cs).
        SqliteConnectionStore.Migration,
        // 9: the run a running cell's outputs so far belong to, and how many output events they hold.
        """
        ALTER TABLE cells ADD COLUMN run_id TEXT NULL;
        ALTER TABLE cells ADD COLUMN output_sequence INTEGER NOT NULL DEFAULT 0;
        """,
        // 10: the assistant's conversations and proposals, per project and user.
        SqliteAssistantStore.Migration,
    ];

    private readonly string _connectionString;

    public SqliteDatabase(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = 30,
            ForeignKeys = true,
        }.ToString();
        Migrate();
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private void Migrate()
    {
        using var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL;");
        Execute(connection, "PRAGMA synchronous = NORMAL;");
        using var transaction = connection.BeginTransaction();
        var applied = Convert.ToInt32(Scalar(connection, "PRAGMA user_version;"));
        for (var version = applied + 1; version <= Migrations.Length; version++)
        {
            Execute(connection, Migrations[version - 1]);
            Execute(connection, $"PRAGMA user_version = {version};");
        }
        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
