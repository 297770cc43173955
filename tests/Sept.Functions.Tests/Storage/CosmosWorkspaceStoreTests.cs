using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Tests.Support;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Tests.Storage;

/// <summary>The workspace store contract on cosmosdb-server (single-partition requests only).</summary>
public sealed class CosmosWorkspaceStoreTests(CosmosEmulatorFixture cosmos) : WorkspaceStoreContract, IClassFixture<CosmosEmulatorFixture>
{
    protected override IWorkspaceStore Store { get; } = new CosmosWorkspaceStore(cosmos.Container, TimeProvider.System);
}
