using System.Text;
using Sept.Functions.Storage;
using Sept.Functions.Storage.Blob;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Storage;

/// <summary>The output store contract on Azurite.</summary>
public sealed class BlobOutputStoreTests(BlobEmulatorFixture blob) : OutputStoreContract, IClassFixture<BlobEmulatorFixture>
{
    protected override IOutputStore Store { get; } = new BlobOutputStore(blob.Container);

    [Theory]
    [InlineData("../other/files/a.txt")]
    [InlineData("files/../../x")]
    [InlineData("/files/a.txt")]
    public async Task A_path_cannot_leave_the_project(string path) =>
        await Assert.ThrowsAsync<ArgumentException>(() =>
            Store.PutAsync(ProjectId.New(), path, new MemoryStream([1]), "text/plain", CancellationToken.None));

    [Fact]
    public async Task A_non_seekable_upload_reports_its_size()
    {
        var project = ProjectId.New();
        var bytes = Encoding.UTF8.GetBytes(new string('x', 100_000));
        var size = await Store.PutAsync(project, "outputs/r1/c-0.txt", new NonSeekable(bytes), "text/plain", CancellationToken.None);
        Assert.Equal(bytes.Length, size);
        Assert.Equal(bytes.Length, Assert.Single(await Store.ListAsync(project, "outputs/", CancellationToken.None)).Size);
    }

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
