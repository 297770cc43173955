using Microsoft.Data.Sqlite;
using Sept.Functions.Storage.Sqlite;
using Sept.Functions.Tests.Support;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Tests.Storage;

public sealed class SqliteWorkspaceStoreTests : WorkspaceStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SqliteDatabase _database;

    public SqliteWorkspaceStoreTests()
    {
        _database = new SqliteDatabase(Path.Combine(_folder.Path, "sept.db"));
        Store = new SqliteWorkspaceStore(_database, TimeProvider.System);
    }

    protected override IWorkspaceStore Store { get; }

    [Fact]
    public async Task The_migration_creates_the_local_workspace_with_the_local_user_as_admin()
    {
        var local = await Store.GetWorkspaceAsync(LocalWorkspace.Id, CancellationToken.None);
        Assert.Equal(LocalWorkspace.Slug, local!.Slug);
        var admin = Assert.Single(await Store.ListMembersAsync(LocalWorkspace.Id, CancellationToken.None));
        Assert.Equal((Functions.Identity.SeptUser.Local.Id, WorkspaceRole.Admin), (admin.UserId, admin.Role));
    }

    [Fact]
    public async Task Projects_from_before_workspaces_move_into_the_local_workspace()
    {
        // A database as migration 1 left it, with one project.
        var path = Path.Combine(_folder.Path, "old.db");
        using (var old = new SqliteConnection($"Data Source={path}"))
        {
            old.Open();
            using var command = old.CreateCommand();
            command.CommandText = """
                CREATE TABLE projects (id TEXT PRIMARY KEY, name TEXT NOT NULL, reactive INTEGER NOT NULL, version INTEGER NOT NULL,
                    created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
                CREATE TABLE cells (project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, id TEXT NOT NULL,
                    kind TEXT NOT NULL, source TEXT NOT NULL, config TEXT NULL, order_key TEXT NOT NULL,
                    version INTEGER NOT NULL, revision INTEGER NOT NULL, state TEXT NOT NULL, outputs TEXT NOT NULL,
                    execution_count INTEGER NOT NULL, last_run_ms REAL NULL, updated_at TEXT NOT NULL, PRIMARY KEY (project_id, id));
                INSERT INTO projects VALUES ('0123456789abcdef0123456789abcdef', 'Old', 1, 3, '2026-01-01T00:00:00.0000000+00:00',
                    '2026-01-01T00:00:00.0000000+00:00');
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }
        var database = new SqliteDatabase(path);
        var project = await new SqliteProjectStore(database, TimeProvider.System)
            .GetProjectAsync(Sept.Notebooks.Cells.ProjectId.Parse("0123456789abcdef0123456789abcdef"), CancellationToken.None);
        Assert.Equal(("Old", 3L, LocalWorkspace.Id), (project!.Name, project.Version, project.WorkspaceId));
        var local = Assert.Single(await new SqliteWorkspaceStore(database, TimeProvider.System)
            .MembershipsOfAsync(Functions.Identity.SeptUser.Local, CancellationToken.None));
        Assert.Equal((LocalWorkspace.Id, WorkspaceRole.Admin), (local.Workspace.Id, local.Role));
    }

    public void Dispose() => _folder.Dispose();
}
