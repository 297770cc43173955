using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;

namespace Sept.Functions.Storage.Cosmos;

/// <summary>Typed document I/O over the Cosmos stream API: expected answers (404, 409, 412) come back as status
/// values instead of exceptions; anything else (401, 403, 5xx after the SDK's retries) throws, because it is an
/// infrastructure failure the caller cannot handle.</summary>
internal sealed class CosmosItems(Container container)
{
    private static readonly JsonSerializerOptions Json = new(StoreJson.Options) { AllowOutOfOrderMetadataProperties = true };

    public async Task<T?> ReadAsync<T>(string partition, string id, CancellationToken cancellationToken) where T : class
    {
        using var response = await container.ReadItemStreamAsync(id, new PartitionKey(partition), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        Ensure(response);
        return await JsonSerializer.DeserializeAsync<T>(response.Content, Json, cancellationToken);
    }

    /// <summary>Created, or Conflict when the id exists.</summary>
    public Task<HttpStatusCode> CreateAsync<T>(string partition, T document, CancellationToken cancellationToken) =>
        WriteAsync(s => container.CreateItemStreamAsync(s, new PartitionKey(partition), cancellationToken: cancellationToken),
            document, HttpStatusCode.Conflict);

    public Task<HttpStatusCode> UpsertAsync<T>(string partition, T document, CancellationToken cancellationToken) =>
        WriteAsync(s => container.UpsertItemStreamAsync(s, new PartitionKey(partition), cancellationToken: cancellationToken),
            document, HttpStatusCode.OK);

    /// <summary>OK, PreconditionFailed when the stored ETag moved on, or NotFound.</summary>
    public Task<HttpStatusCode> ReplaceAsync<T>(string partition, string id, T document, string etag, CancellationToken cancellationToken) =>
        WriteAsync(s => container.ReplaceItemStreamAsync(s, id, new PartitionKey(partition),
                new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken),
            document, HttpStatusCode.PreconditionFailed, HttpStatusCode.NotFound);

    /// <summary>Like <see cref="ReplaceAsync{T}"/>, also giving the new ETag on success.</summary>
    public async Task<(HttpStatusCode Status, string? ETag)> ReplaceForETagAsync<T>(
        string partition, string id, T document, string etag, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document, Json));
        using var response = await container.ReplaceItemStreamAsync(body, id, new PartitionKey(partition),
            new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) return (response.StatusCode, null);
        Ensure(response);
        return (response.StatusCode, response.Headers.ETag);
    }

    /// <summary>True when it existed.</summary>
    public async Task<bool> DeleteAsync(string partition, string id, CancellationToken cancellationToken)
    {
        using var response = await container.DeleteItemStreamAsync(id, new PartitionKey(partition), cancellationToken: cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        Ensure(response);
        return true;
    }

    /// <summary>A query inside one partition (never cross-partition), all pages. The query names the partition
    /// itself ("c.projectId = @partition", bound here) as well as the request option: cosmosdb-server refuses
    /// queries whose filter lacks the partition key.</summary>
    public async Task<List<T>> QueryAsync<T>(string partition, QueryDefinition query, CancellationToken cancellationToken)
    {
        query = query.WithParameter("@partition", partition);
        var results = new List<T>();
        using var pages = container.GetItemQueryStreamIterator(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(partition) });
        while (pages.HasMoreResults)
        {
            using var response = await pages.ReadNextAsync(cancellationToken);
            Ensure(response);
            using var page = await JsonDocument.ParseAsync(response.Content, cancellationToken: cancellationToken);
            foreach (var document in page.RootElement.GetProperty("Documents").EnumerateArray())
                results.Add(document.Deserialize<T>(Json)!);
        }
        return results;
    }

    private static async Task<HttpStatusCode> WriteAsync<T>(
        Func<Stream, Task<ResponseMessage>> send, T document, params HttpStatusCode[] expected)
    {
        using var body = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(document, Json));
        using var response = await send(body);
        if (expected.Contains(response.StatusCode)) return response.StatusCode;
        Ensure(response);
        return response.StatusCode;
    }

    private static void Ensure(ResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
            throw new CosmosStoreException($"Cosmos DB answered {(int)response.StatusCode} {response.StatusCode}: {response.ErrorMessage}");
    }
}

/// <summary>Cosmos DB failed in a way the store cannot turn into an outcome (auth, throttling after retries, outage).</summary>
public sealed class CosmosStoreException(string message) : Exception(message);
