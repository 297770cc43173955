using Sept.Functions.Presence;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Local;

/// <summary>Local <see cref="IPresenceStore"/>: presence lives only as long as the process, like the hub connections.</summary>
public sealed class InMemoryPresenceStore : IPresenceStore
{
    private readonly Dictionary<ProjectId, Dictionary<string, PresenceEntry>> _projects = [];
    private readonly Lock _lock = new();

    public Task SaveAsync(PresenceEntry entry, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_projects.TryGetValue(entry.ProjectId, out var sessions)) _projects[entry.ProjectId] = sessions = [];
            sessions[entry.SessionId] = entry;
        }
        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(ProjectId projectId, string sessionId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var removed = _projects.TryGetValue(projectId, out var sessions) && sessions.Remove(sessionId);
            if (sessions is { Count: 0 }) _projects.Remove(projectId);
            return Task.FromResult(removed);
        }
    }

    public Task<IReadOnlyList<PresenceEntry>> ListAsync(ProjectId projectId, DateTimeOffset liveSince, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<PresenceEntry> live = _projects.TryGetValue(projectId, out var sessions)
                ? PresenceOrder.Sort(sessions.Values.Where(e => e.LastSeen >= liveSince))
                : [];
            return Task.FromResult(live);
        }
    }

    public Task<IReadOnlyList<PresenceEntry>> RemoveExpiredAsync(ProjectId projectId, DateTimeOffset liveSince, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_projects.TryGetValue(projectId, out var sessions)) return Task.FromResult<IReadOnlyList<PresenceEntry>>([]);
            var expired = sessions.Values.Where(e => e.LastSeen < liveSince).ToList();
            foreach (var entry in expired) sessions.Remove(entry.SessionId);
            if (sessions.Count == 0) _projects.Remove(projectId);
            return Task.FromResult<IReadOnlyList<PresenceEntry>>(PresenceOrder.Sort(expired));
        }
    }
}
