using System.Text.Json;
using Sept.Functions.Identity;
using Sept.Functions.Presence;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Presence;

/// <summary>The presence contract on cosmosdb-server, plus the document shape Cosmos TTL needs.</summary>
public sealed class CosmosPresenceStoreTests(CosmosEmulatorFixture cosmos) : PresenceStoreContract, IClassFixture<CosmosEmulatorFixture>
{
    private readonly CosmosPresenceStore _store = new(cosmos.Container, TimeSpan.FromSeconds(60));

    protected override IPresenceStore Store => _store;

    [Fact]
    public async Task An_entry_is_a_presence_document_in_the_project_partition_with_a_ttl()
    {
        var project = ProjectId.New();
        await _store.SaveAsync(new PresenceEntry(project, "session-ada", new SeptUser("u", "Ada", "ada@example.com"), null, DateTimeOffset.UtcNow), default);
        using var response = await cosmos.Container.ReadItemStreamAsync("presence:session-ada", new Microsoft.Azure.Cosmos.PartitionKey(project.ToString()));
        Assert.True(response.IsSuccessStatusCode);
        using var document = await JsonDocument.ParseAsync(response.Content);
        Assert.Equal(60, document.RootElement.GetProperty("ttl").GetInt32());
        Assert.Equal("presence", document.RootElement.GetProperty("type").GetString());
    }
}
