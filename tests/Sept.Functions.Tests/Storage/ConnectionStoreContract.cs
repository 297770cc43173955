using Sept.Functions.Connections;
using Sept.Functions.Identity;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Tests.Storage;

/// <summary>What every <see cref="IConnectionStore"/> must do. Derive once per implementation.</summary>
public abstract class ConnectionStoreContract
{
    protected abstract IConnectionStore Store { get; }

    protected abstract IWorkspaceStore Workspaces { get; }

    private static CancellationToken Ct => CancellationToken.None;

    private async Task<string> WorkspaceAsync()
    {
        var id = WorkspaceIds.New();
        var owner = TestUser();
        await Workspaces.CreateWorkspaceAsync(new WorkspaceRecord(id, $"c-{id[..12]}", "Conn", 1, default),
            WorkspaceAccess.AdminEntry(owner, id, default), Ct);
        return id;
    }

    private static SeptUser TestUser() => Support.TestTokens.User($"u{Guid.NewGuid():N}"[..10]);

    private static ConnectionRecord Connection(string workspaceId, string name) => new(workspaceId, Guid.NewGuid().ToString("N"), name,
        ConnectionProvider.Postgres, "db.example.test", 5432, "shop", "analyst", "CfDJ8-ciphertext", 0, default, default);

    [Fact]
    public async Task A_created_connection_is_listed_found_by_name_in_any_case_and_read_back()
    {
        var workspace = await WorkspaceAsync();
        var saved = Assert.IsType<SaveOutcome<ConnectionRecord>.Saved>(await Store.CreateAsync(Connection(workspace, "Warehouse"), Ct)).Value;
        await Store.CreateAsync(Connection(workspace, "analytics"), Ct);
        Assert.Equal(1, saved.Version);
        Assert.Equal(["analytics", "Warehouse"], (await Store.ListAsync(workspace, Ct)).Select(c => c.Name));
        Assert.Equal(saved with { CreatedAt = default, UpdatedAt = default },
            (await Store.FindByNameAsync(workspace, "warehouse", Ct))! with { CreatedAt = default, UpdatedAt = default });
        Assert.Equal("CfDJ8-ciphertext", (await Store.GetAsync(workspace, saved.Id, Ct))!.ProtectedPassword);
        Assert.Empty(await Store.ListAsync(await WorkspaceAsync(), Ct));
        Assert.IsType<SaveOutcome<ConnectionRecord>.NotFound>(await Store.CreateAsync(Connection(WorkspaceIds.New(), "orphan"), Ct));
    }

    [Fact]
    public async Task Names_are_unique_per_workspace_on_create_and_on_rename()
    {
        var workspace = await WorkspaceAsync();
        var first = ((SaveOutcome<ConnectionRecord>.Saved)await Store.CreateAsync(Connection(workspace, "sales"), Ct)).Value;
        var second = ((SaveOutcome<ConnectionRecord>.Saved)await Store.CreateAsync(Connection(workspace, "ops"), Ct)).Value;
        Assert.IsType<SaveOutcome<ConnectionRecord>.Exists>(await Store.CreateAsync(Connection(workspace, "SALES"), Ct));
        Assert.IsType<SaveOutcome<ConnectionRecord>.Saved>(await Store.CreateAsync(Connection(await WorkspaceAsync(), "sales"), Ct));
        Assert.IsType<SaveOutcome<ConnectionRecord>.Exists>(await Store.UpdateAsync(second with { Name = "Sales" }, 1, Ct));
        var renamed = Assert.IsType<SaveOutcome<ConnectionRecord>.Saved>(await Store.UpdateAsync(first with { Name = "revenue", Port = 6543 }, 1, Ct)).Value;
        Assert.Equal((2L, "revenue", 6543), (renamed.Version, renamed.Name, renamed.Port));
        // The old name is free again.
        Assert.IsType<SaveOutcome<ConnectionRecord>.Saved>(await Store.CreateAsync(Connection(workspace, "sales"), Ct));
        Assert.Null(await Store.FindByNameAsync(workspace, "nothing", Ct));
    }

    [Fact]
    public async Task A_stale_update_is_refused_and_a_deleted_connection_is_gone()
    {
        var workspace = await WorkspaceAsync();
        var saved = ((SaveOutcome<ConnectionRecord>.Saved)await Store.CreateAsync(Connection(workspace, "sales"), Ct)).Value;
        await Store.UpdateAsync(saved with { Host = "a.example.test" }, 1, Ct);
        var stale = Assert.IsType<SaveOutcome<ConnectionRecord>.Stale>(await Store.UpdateAsync(saved with { Host = "b.example.test" }, 1, Ct));
        Assert.Equal("a.example.test", stale.Current.Host);
        Assert.True(await Store.DeleteAsync(workspace, saved.Id, Ct));
        Assert.False(await Store.DeleteAsync(workspace, saved.Id, Ct));
        Assert.Null(await Store.GetAsync(workspace, saved.Id, Ct));
        Assert.Null(await Store.FindByNameAsync(workspace, "sales", Ct));
        Assert.IsType<SaveOutcome<ConnectionRecord>.NotFound>(await Store.UpdateAsync(saved, 2, Ct));
    }
}

public sealed class SqliteConnectionStoreTests : ConnectionStoreContract, IDisposable
{
    private readonly Support.TempFolder _folder = new();

    public SqliteConnectionStoreTests()
    {
        var database = new Functions.Storage.Sqlite.SqliteDatabase(Path.Combine(_folder.Path, "sept.db"));
        Store = new Functions.Storage.Sqlite.SqliteConnectionStore(database, TimeProvider.System);
        Workspaces = new Functions.Storage.Sqlite.SqliteWorkspaceStore(database, TimeProvider.System);
    }

    protected override IConnectionStore Store { get; }

    protected override IWorkspaceStore Workspaces { get; }

    public void Dispose() => _folder.Dispose();
}

public sealed class CosmosConnectionStoreTests(Support.CosmosEmulatorFixture cosmos) : ConnectionStoreContract, IClassFixture<Support.CosmosEmulatorFixture>
{
    protected override IConnectionStore Store { get; } = new Functions.Storage.Cosmos.CosmosConnectionStore(cosmos.Container, TimeProvider.System);

    protected override IWorkspaceStore Workspaces { get; } = new Functions.Storage.Cosmos.CosmosWorkspaceStore(cosmos.Container, TimeProvider.System);
}
