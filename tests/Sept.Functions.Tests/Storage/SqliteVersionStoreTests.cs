using Sept.Functions.History;
using Sept.Functions.Storage;
using Sept.Functions.Storage.Sqlite;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Storage;

public sealed class SqliteVersionStoreTests : VersionStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    public SqliteVersionStoreTests()
    {
        var database = new SqliteDatabase(Path.Combine(_folder.Path, "sept.db"));
        Projects = new SqliteProjectStore(database, TimeProvider.System);
        Versions = new SqliteVersionStore(database);
    }

    protected override IVersionStore Versions { get; }

    protected override IProjectStore Projects { get; }

    public void Dispose() => _folder.Dispose();
}
