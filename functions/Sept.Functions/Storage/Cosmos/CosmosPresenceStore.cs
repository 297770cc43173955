using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using Sept.Functions.Identity;
using Sept.Functions.Presence;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Cosmos;

/// <summary>Azure <see cref="IPresenceStore"/>: one document "presence:&lt;sessionId&gt;" per viewer in the project's
/// partition, with a Cosmos <c>ttl</c> (the container has TTL on, default -1) so abandoned entries are collected.
/// TTL deletion is lazy, so reads filter by lastSeen themselves; every call is a point operation or a
/// single-partition query, and deleting the project clears them with its partition.</summary>
public sealed class CosmosPresenceStore(Container container, TimeSpan documentLifetime) : IPresenceStore
{
    private readonly CosmosItems _items = new(container);

    public Task SaveAsync(PresenceEntry entry, CancellationToken cancellationToken) =>
        _items.UpsertAsync(entry.ProjectId.ToString(), PresenceDocument.Of(entry, documentLifetime), cancellationToken);

    public Task<bool> RemoveAsync(ProjectId projectId, string sessionId, CancellationToken cancellationToken) =>
        _items.DeleteAsync(projectId.ToString(), PresenceDocument.IdOf(sessionId), cancellationToken);

    public async Task<IReadOnlyList<PresenceEntry>> ListAsync(ProjectId projectId, DateTimeOffset liveSince, CancellationToken cancellationToken) =>
        PresenceOrder.Sort((await AllAsync(projectId, cancellationToken)).Where(e => e.LastSeen >= liveSince));

    public async Task<IReadOnlyList<PresenceEntry>> RemoveExpiredAsync(ProjectId projectId, DateTimeOffset liveSince, CancellationToken cancellationToken)
    {
        var expired = new List<PresenceEntry>();
        foreach (var entry in (await AllAsync(projectId, cancellationToken)).Where(e => e.LastSeen < liveSince))
            if (await RemoveAsync(projectId, entry.SessionId, cancellationToken)) expired.Add(entry);
        return PresenceOrder.Sort(expired);
    }

    private async Task<IEnumerable<PresenceEntry>> AllAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        (await _items.QueryAsync<PresenceDocument>(projectId.ToString(),
            new QueryDefinition("SELECT * FROM c WHERE c.projectId = @partition AND c.type = @type").WithParameter("@type", PresenceDocument.TypeName),
            cancellationToken)).Select(d => d.ToEntry());
}

internal sealed record PresenceDocument(
    string Id, string ProjectId, string Type, string SessionId, SeptUser User, string? CellId, DateTimeOffset LastSeen,
    [property: JsonPropertyName("ttl")] int TimeToLive)
{
    public const string TypeName = "presence";

    public static string IdOf(string sessionId) => $"presence:{sessionId}";

    public static PresenceDocument Of(PresenceEntry e, TimeSpan lifetime) => new(
        IdOf(e.SessionId), e.ProjectId.ToString(), TypeName, e.SessionId, e.User, e.CellId?.ToString(), e.LastSeen,
        (int)Math.Ceiling(lifetime.TotalSeconds));

    public PresenceEntry ToEntry() => new(
        Notebooks.Cells.ProjectId.Parse(ProjectId), SessionId, User,
        CellId is null ? null : Notebooks.Cells.CellId.Parse(CellId), LastSeen);
}
