using System.Net;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using Sept.Functions.Connections;

namespace Sept.Functions.Storage.Cosmos;

/// <summary><see cref="IConnectionStore"/> on the "notebook" container. Partition "_conn:&lt;workspaceId&gt;" holds the
/// workspace's connections ("connection:&lt;id&gt;") and one claim per lowercased name ("name:&lt;name&gt;"), whose create
/// conflict keeps names unique; the claim is written before and removed after its connection.</summary>
public sealed class CosmosConnectionStore(Container container, TimeProvider clock) : IConnectionStore
{
    private readonly CosmosItems _items = new(container);

    private static string Partition(string workspaceId) => $"_conn:{workspaceId}";

    public async Task<IReadOnlyList<ConnectionRecord>> ListAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var documents = await _items.QueryAsync<ConnectionDocument>(Partition(workspaceId),
            new QueryDefinition("SELECT * FROM c WHERE c.projectId = @partition AND c.type = 'connection'"), cancellationToken);
        return [.. documents.Select(d => d.ToRecord()).OrderBy(c => c.Name.ToLowerInvariant(), StringComparer.Ordinal)];
    }

    public async Task<ConnectionRecord?> GetAsync(string workspaceId, string connectionId, CancellationToken cancellationToken) =>
        (await ReadAsync(workspaceId, connectionId, cancellationToken))?.ToRecord();

    public async Task<ConnectionRecord?> FindByNameAsync(string workspaceId, string name, CancellationToken cancellationToken) =>
        await _items.ReadAsync<NameClaim>(Partition(workspaceId), NameClaim.IdOf(name), cancellationToken) is { } claim
            ? await GetAsync(workspaceId, claim.ConnectionId, cancellationToken)
            : null;

    public async Task<SaveOutcome<ConnectionRecord>> CreateAsync(ConnectionRecord connection, CancellationToken cancellationToken)
    {
        if (await _items.ReadAsync<WorkspaceDocument>(CosmosWorkspaceStore.WorkspacePartition(connection.WorkspaceId), WorkspaceDocument.DocumentId,
                cancellationToken) is null)
            return new SaveOutcome<ConnectionRecord>.NotFound();
        var now = clock.GetUtcNow();
        var stored = connection with { Version = 1, CreatedAt = now, UpdatedAt = now };
        var partition = Partition(connection.WorkspaceId);
        if (!await ClaimAsync(partition, stored, cancellationToken)) return new SaveOutcome<ConnectionRecord>.Exists();
        if (await _items.CreateAsync(partition, ConnectionDocument.Of(stored), cancellationToken) == HttpStatusCode.Conflict)
        {
            await _items.DeleteAsync(partition, NameClaim.IdOf(stored.Name), cancellationToken);
            return new SaveOutcome<ConnectionRecord>.Exists();
        }
        return new SaveOutcome<ConnectionRecord>.Saved(stored);
    }

    public async Task<SaveOutcome<ConnectionRecord>> UpdateAsync(ConnectionRecord connection, long expectedVersion, CancellationToken cancellationToken)
    {
        var partition = Partition(connection.WorkspaceId);
        if (await ReadAsync(connection.WorkspaceId, connection.Id, cancellationToken) is not { } current) return new SaveOutcome<ConnectionRecord>.NotFound();
        if (current.Version != expectedVersion) return new SaveOutcome<ConnectionRecord>.Stale(current.ToRecord());
        var renamed = !string.Equals(current.Name, connection.Name, StringComparison.OrdinalIgnoreCase);
        if (renamed && !await ClaimAsync(partition, connection, cancellationToken)) return new SaveOutcome<ConnectionRecord>.Exists();
        var next = connection with { Version = expectedVersion + 1, CreatedAt = current.CreatedAt, UpdatedAt = clock.GetUtcNow() };
        if (await _items.ReplaceAsync(partition, current.Id, ConnectionDocument.Of(next), current.ETag!, cancellationToken) != HttpStatusCode.OK)
        {
            if (renamed) await _items.DeleteAsync(partition, NameClaim.IdOf(connection.Name), cancellationToken);
            return await GetAsync(connection.WorkspaceId, connection.Id, cancellationToken) is { } now
                ? new SaveOutcome<ConnectionRecord>.Stale(now)
                : new SaveOutcome<ConnectionRecord>.NotFound();
        }
        if (renamed) await _items.DeleteAsync(partition, NameClaim.IdOf(current.Name), cancellationToken);
        return new SaveOutcome<ConnectionRecord>.Saved(next);
    }

    public async Task<bool> DeleteAsync(string workspaceId, string connectionId, CancellationToken cancellationToken)
    {
        if (await ReadAsync(workspaceId, connectionId, cancellationToken) is not { } current) return false;
        await _items.DeleteAsync(Partition(workspaceId), current.Id, cancellationToken);
        await _items.DeleteAsync(Partition(workspaceId), NameClaim.IdOf(current.Name), cancellationToken);
        return true;
    }

    private async Task<bool> ClaimAsync(string partition, ConnectionRecord connection, CancellationToken cancellationToken) =>
        await _items.CreateAsync(partition, new NameClaim(NameClaim.IdOf(connection.Name), partition, "connectionName", connection.Id),
            cancellationToken) != HttpStatusCode.Conflict;

    private Task<ConnectionDocument?> ReadAsync(string workspaceId, string connectionId, CancellationToken cancellationToken) =>
        _items.ReadAsync<ConnectionDocument>(Partition(workspaceId), ConnectionDocument.IdOf(connectionId), cancellationToken);

    private sealed record ConnectionDocument(
        string Id, string ProjectId, string Type, string WorkspaceId, string ConnectionId, string Name, string Provider, string Host, int Port,
        string Database, string Username, string? ProtectedPassword, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
        [property: JsonPropertyName("_etag")] string? ETag = null)
    {
        public static string IdOf(string connectionId) => $"connection:{connectionId}";

        public static ConnectionDocument Of(ConnectionRecord c) => new(IdOf(c.Id), Partition(c.WorkspaceId), "connection", c.WorkspaceId, c.Id,
            c.Name, c.Provider.ToString(), c.Host, c.Port, c.Database, c.Username, c.ProtectedPassword, c.Version, c.CreatedAt, c.UpdatedAt);

        public ConnectionRecord ToRecord() => new(WorkspaceId, ConnectionId, Name, Enum.Parse<ConnectionProvider>(Provider), Host, Port, Database,
            Username, ProtectedPassword, Version, CreatedAt, UpdatedAt);
    }

    private sealed record NameClaim(string Id, string ProjectId, string Type, string ConnectionId)
    {
        // Names are identifiers (ConnectionValidation), so they are valid Cosmos ids.
        public static string IdOf(string name) => $"name:{name.ToLowerInvariant()}";
    }
}
