using Microsoft.Azure.Cosmos;

namespace Sept.Functions.Storage.Cosmos;

/// <summary>Emulator only (<see cref="CosmosStoreOptions.GatewayOnly"/>): cosmosdb-server 1.0.1 answers a point
/// read of a missing document with 500 (it dereferences the missing document while checking partition keys)
/// unless the request carries the cross-partition header, which makes it skip that check and answer 404. The
/// read itself still goes by id and partition key.</summary>
internal sealed class CosmosEmulatorReads : RequestHandler
{
    public override Task<ResponseMessage> SendAsync(RequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method == HttpMethod.Get && request.RequestUri?.OriginalString.Contains("/docs/", StringComparison.Ordinal) == true)
            request.Headers.Set("x-ms-documentdb-query-enablecrosspartition", "true");
        return base.SendAsync(request, cancellationToken);
    }
}
