using Sept.Functions.Comments;
using Sept.Functions.Storage;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Storage;

/// <summary>The comment store contract on cosmosdb-server (thread and comment documents in the project's partition).</summary>
public sealed class CosmosCommentStoreTests(CosmosEmulatorFixture cosmos) : CommentStoreContract, IClassFixture<CosmosEmulatorFixture>
{
    protected override ICommentStore Store { get; } = new CosmosCommentStore(cosmos.Container);

    protected override IProjectStore Projects { get; } = new CosmosProjectStore(cosmos.Container, TimeProvider.System);
}
