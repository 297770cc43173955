using Sept.Functions.Storage;
using Sept.Functions.Storage.Local;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Storage;

public sealed class FolderOutputStoreTests : OutputStoreContract, IDisposable
{
    private readonly TempFolder _folder = new();

    public FolderOutputStoreTests() => Store = new FolderOutputStore(_folder.Path);

    protected override IOutputStore Store { get; }

    [Fact]
    public async Task A_path_cannot_leave_the_project_folder() =>
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.PutAsync(ProjectId.New(), "../../escape.txt", new MemoryStream([1]), "text/plain", CancellationToken.None));

    public void Dispose() => _folder.Dispose();
}
