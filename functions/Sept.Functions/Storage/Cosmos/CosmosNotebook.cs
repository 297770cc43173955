using Azure.Core;
using Microsoft.Azure.Cosmos;

namespace Sept.Functions.Storage.Cosmos;

/// <summary>Configuration section "Sept:Cosmos".</summary>
public sealed class CosmosStoreOptions
{
    public const string Section = "Sept:Cosmos";

    /// <summary>Account endpoint, e.g. https://acct.documents.azure.com:443/.</summary>
    public string Endpoint { get; set; } = "";

    /// <summary>Account key (emulators only). Empty: Entra ID with the app's credential (Azure has local auth off).</summary>
    public string? Key { get; set; }

    public string Database { get; set; } = "sept";

    public string Container { get; set; } = "notebook";

    /// <summary>Create the database and container when missing. Off in Azure: Pulumi owns them and the app's data
    /// role (Cosmos DB Built-in Data Contributor) cannot create containers.</summary>
    public bool CreateIfMissing { get; set; }

    /// <summary>Gateway mode pinned to <see cref="Endpoint"/>: what the cosmosdb-server emulator needs (it has no
    /// direct mode and advertises https locations it does not serve).</summary>
    public bool GatewayOnly { get; set; }
}

/// <summary>Opens the "notebook" container (PK /projectId).</summary>
public static class CosmosNotebook
{
    public const string PartitionKeyPath = "/projectId";

    /// <summary>A client authenticated with the options' key (emulators) or else <paramref name="credential"/>.</summary>
    public static CosmosClient CreateClient(CosmosStoreOptions options, TokenCredential? credential)
    {
        var clientOptions = new CosmosClientOptions
        {
            ConnectionMode = options.GatewayOnly ? ConnectionMode.Gateway : ConnectionMode.Direct,
            LimitToEndpoint = options.GatewayOnly,
            UseSystemTextJsonSerializerWithOptions = StoreJson.Options,
        };
        if (options.GatewayOnly) clientOptions.CustomHandlers.Add(new CosmosEmulatorReads());
        if (!string.IsNullOrEmpty(options.Key)) return new CosmosClient(options.Endpoint, options.Key, clientOptions);
        return new CosmosClient(options.Endpoint, credential ?? throw new ArgumentNullException(nameof(credential),
            "Cosmos DB needs a key or a token credential."), clientOptions);
    }

    public static async Task<Container> OpenAsync(CosmosClient client, CosmosStoreOptions options, CancellationToken cancellationToken)
    {
        if (!options.CreateIfMissing) return client.GetContainer(options.Database, options.Container);
        Database database = await client.CreateDatabaseIfNotExistsAsync(options.Database, cancellationToken: cancellationToken);
        return await database.CreateContainerIfNotExistsAsync(options.Container, PartitionKeyPath, cancellationToken: cancellationToken);
    }
}
