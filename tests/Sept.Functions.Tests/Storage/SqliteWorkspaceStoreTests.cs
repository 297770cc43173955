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

    public void Dispose() => _folder.Dispose();
}
