using Sept.Functions.Identity;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Storage.Sqlite;

/// <summary>Migration 2 (identity): workspaces, members and projects.workspace_id.</summary>
internal static class SqliteWorkspaceSchema
{
    public static readonly string Migration = $$"""
        CREATE TABLE workspaces (
            id TEXT PRIMARY KEY, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL, version INTEGER NOT NULL, created_at TEXT NOT NULL);
        CREATE TABLE members (
            workspace_id TEXT NOT NULL REFERENCES workspaces(id) ON DELETE CASCADE, email TEXT NOT NULL, user_id TEXT NULL,
            name TEXT NOT NULL, role TEXT NOT NULL, added_at TEXT NOT NULL, PRIMARY KEY (workspace_id, email));
        CREATE INDEX members_email ON members (email);
        CREATE INDEX members_user ON members (user_id);
        INSERT INTO workspaces (id, slug, name, version, created_at)
            VALUES ('{{LocalWorkspace.Id}}', '{{LocalWorkspace.Slug}}', '{{LocalWorkspace.Name}}', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
        INSERT INTO members (workspace_id, email, user_id, name, role, added_at)
            VALUES ('{{LocalWorkspace.Id}}', '{{SeptUser.Local.Email}}', '{{SeptUser.Local.Id}}', '{{SeptUser.Local.Name}}', 'Admin',
                strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
        ALTER TABLE projects ADD COLUMN workspace_id TEXT NOT NULL DEFAULT '{{LocalWorkspace.Id}}';
        CREATE INDEX projects_workspace ON projects (workspace_id, created_at);
        """;
}
