namespace Sept.Functions.Storage.Sqlite;

/// <summary>Migration 4: version history. One row per version; the cells as one JSON array in "snapshot", which
/// listing never reads. Rows go with their project (ON DELETE CASCADE).</summary>
internal static class SqliteVersionSchema
{
    public const string Migration = """
        CREATE TABLE versions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
            id TEXT NOT NULL, name TEXT NULL, kind TEXT NOT NULL, author_id TEXT NOT NULL, author_name TEXT NOT NULL,
            author_email TEXT NOT NULL, created_at TEXT NOT NULL, cell_count INTEGER NOT NULL, project_name TEXT NOT NULL,
            reactive INTEGER NOT NULL, snapshot TEXT NOT NULL, UNIQUE (project_id, id));
        CREATE INDEX versions_created ON versions (project_id, created_at);
        """;
}
