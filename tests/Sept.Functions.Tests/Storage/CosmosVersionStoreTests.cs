using Sept.Functions.History;
using Sept.Functions.Storage;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Storage;

/// <summary>The version store contract on cosmosdb-server (single-partition queries only, snapshots split into parts).</summary>
public sealed class CosmosVersionStoreTests(CosmosEmulatorFixture cosmos) : VersionStoreContract, IClassFixture<CosmosEmulatorFixture>
{
    protected override IVersionStore Versions { get; } = new CosmosVersionStore(cosmos.Container);

    protected override IProjectStore Projects { get; } = new CosmosProjectStore(cosmos.Container, TimeProvider.System);
}
