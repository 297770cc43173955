using Sept.Notebooks.Cells;

namespace Sept.Functions.Presence;

/// <summary>Who views which project. Local: in memory. Azure: Cosmos documents with a ttl in the project's partition
/// (TTL deletion is lazy, so reads filter by LastSeen). Lists are ordered by user name, then session id.</summary>
public interface IPresenceStore
{
    /// <summary>Creates or replaces the entry of (ProjectId, SessionId).</summary>
    Task SaveAsync(PresenceEntry entry, CancellationToken cancellationToken);

    /// <summary>False when there was no such entry.</summary>
    Task<bool> RemoveAsync(ProjectId projectId, string sessionId, CancellationToken cancellationToken);

    /// <summary>The entries last seen at or after <paramref name="liveSince"/>.</summary>
    Task<IReadOnlyList<PresenceEntry>> ListAsync(ProjectId projectId, DateTimeOffset liveSince, CancellationToken cancellationToken);

    /// <summary>Deletes the entries last seen before <paramref name="liveSince"/> and returns them.</summary>
    Task<IReadOnlyList<PresenceEntry>> RemoveExpiredAsync(ProjectId projectId, DateTimeOffset liveSince, CancellationToken cancellationToken);
}
