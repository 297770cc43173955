using Sept.Functions.Comments;
using Sept.Functions.Storage;
using Sept.Functions.Storage.Sqlite;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Storage;

public sealed class SqliteCommentStoreTests : CommentStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    public SqliteCommentStoreTests()
    {
        var database = new SqliteDatabase(Path.Combine(_folder.Path, "sept.db"));
        Projects = new SqliteProjectStore(database, TimeProvider.System);
        Store = new SqliteCommentStore(database);
    }

    protected override ICommentStore Store { get; }

    protected override IProjectStore Projects { get; }

    public void Dispose() => _folder.Dispose();
}
