using System.Text;
using Microsoft.Azure.Cosmos;
using Sept.Functions.History;
using Sept.Functions.Identity;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Storage;

/// <summary>The version store contract on cosmosdb-server (single-partition queries only), plus the part layout.</summary>
public sealed class CosmosVersionStoreTests(CosmosEmulatorFixture cosmos) : VersionStoreContract, IClassFixture<CosmosEmulatorFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected override IVersionStore Versions { get; } = new CosmosVersionStore(cosmos.Container);

    protected override IProjectStore Projects { get; } = new CosmosProjectStore(cosmos.Container, TimeProvider.System);

    [Fact]
    public async Task A_big_snapshot_is_split_into_documents_under_the_item_limit()
    {
        var project = Assert.IsType<SaveOutcome<ProjectRecord>.Saved>(
            await Projects.CreateProjectAsync(new ProjectRecord(ProjectId.New(), "Big", true, 0, Now, Now, WorkspaceIds.New()), CancellationToken.None)).Value;
        var cells = Enumerable.Range(0, 4).Select(i => new VersionCell(CellId.New(), CellKind.Code, new string('x', 700_000), null,
            OrderKey.Parse(((char)('B' + i)).ToString()))).ToList();
        var id = ProjectVersion.NewId();
        await Versions.SaveAsync(new ProjectVersion(new VersionSummary(project.Id, id, "big", VersionKind.Manual, SeptUser.Local, Now, 4),
            new VersionSnapshot("Big", true, cells)), CancellationToken.None);

        // 4 x 0.7 MB: two cells per part, the first part in the head document.
        var sizes = new Dictionary<string, int>();
        using var pages = cosmos.Container.GetItemQueryStreamIterator(
            new QueryDefinition("SELECT * FROM c WHERE c.projectId = @p AND STARTSWITH(c.id, 'version:')").WithParameter("@p", project.Id.ToString()),
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(project.Id.ToString()) });
        while (pages.HasMoreResults)
        {
            using var response = await pages.ReadNextAsync();
            using var page = await System.Text.Json.JsonDocument.ParseAsync(response.Content);
            foreach (var document in page.RootElement.GetProperty("Documents").EnumerateArray())
                sizes[document.GetProperty("id").GetString()!] = Encoding.UTF8.GetByteCount(document.GetRawText());
        }
        Assert.Equal([$"version:{id}", $"version:{id}:1"], sizes.Keys.Order(StringComparer.Ordinal));
        Assert.All(sizes.Values, size => Assert.InRange(size, 1, 2 * 1024 * 1024 - 1));
    }
}
