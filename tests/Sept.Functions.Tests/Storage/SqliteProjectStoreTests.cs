using Sept.Functions.Storage;
using Sept.Functions.Storage.Sqlite;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Storage;

public sealed class SqliteProjectStoreTests : ProjectStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    public SqliteProjectStoreTests() =>
        Store = new SqliteProjectStore(new SqliteDatabase(Path.Combine(_folder.Path, "sept.db")), TimeProvider.System);

    protected override IProjectStore Store { get; }

    [Fact]
    public void Opening_the_database_again_keeps_the_schema_version()
    {
        var path = Path.Combine(_folder.Path, "again.db");
        _ = new SqliteDatabase(path);
        _ = new SqliteDatabase(path);
    }

    public void Dispose() => _folder.Dispose();
}
