using Microsoft.Azure.Cosmos;
using Sept.Functions.Storage.Cosmos;

namespace Sept.Functions.Tests.Support;

/// <summary>A fresh database with the "notebook" container on the Cosmos emulator, per test class; dropped after.</summary>
public sealed class CosmosEmulatorFixture : IAsyncLifetime
{
    private CosmosClient? _client;

    public Container Container { get; private set; } = null!;

    public CosmosStoreOptions Options { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Options = new CosmosStoreOptions
        {
            Endpoint = await Emulators.CosmosEndpointAsync(),
            Key = Emulators.CosmosKey,
            Database = $"sept-test-{Guid.NewGuid():N}",
            CreateIfMissing = true,
            GatewayOnly = true,
        };
        _client = CosmosNotebook.CreateClient(Options, credential: null);
        Container = await CosmosNotebook.OpenAsync(_client, Options, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_client is null) return;
        await _client.GetDatabase(Options.Database).DeleteAsync();
        _client.Dispose();
    }
}

/// <summary>A fresh container on Azurite, per test class; deleted after.</summary>
public sealed class BlobEmulatorFixture : IAsyncLifetime
{
    public global::Azure.Storage.Blobs.BlobContainerClient Container { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var options = new Sept.Functions.Storage.Blob.BlobOutputOptions
        {
            ServiceUri = await Emulators.BlobEndpointAsync(),
            Container = $"outputs-{Guid.NewGuid():N}",
            AccountName = Emulators.BlobAccount,
            AccountKey = Emulators.BlobKey,
        };
        Container = options.CreateContainerClient(credential: null);
        await Container.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await Container.DeleteIfExistsAsync();
}
