using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Sept.Functions.Hosting;
using Sept.Functions.Identity;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Presence;

/// <summary>Heartbeats, leaving, expiry and closed connections, each followed by <see cref="PresenceChanged"/> when the
/// set of viewers or someone's cell changed (a plain refresh changes only lastSeen and tells nobody). This instance
/// remembers the sessions it heard from, so it can sweep their projects and drop a session whose hub connection closed.</summary>
public sealed class PresenceTracker(
    IPresenceStore store, IProjectStore projects, IRealtime realtime, IOptions<PresenceOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<(ProjectId Project, string Session), byte> _heard = new();
    private readonly ConcurrentDictionary<string, (ProjectId Project, string Session)> _byConnection = new();

    /// <summary>Client-made session ids: 8..64 of [A-Za-z0-9_-] (a SignalR connection id fits).</summary>
    public static bool IsSessionId(string? text) =>
        text is { Length: >= 8 and <= 64 } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    public async Task<CommandOutcome<IReadOnlyList<ViewerDto>>> HeartbeatAsync(
        ProjectId projectId, string sessionId, SeptUser user, string? cellId, CancellationToken cancellationToken)
    {
        if (!IsSessionId(sessionId)) return CommandOutcome<IReadOnlyList<ViewerDto>>.Invalid(SessionIdProblem(sessionId));
        CellId? cell = null;
        if (cellId is not null)
        {
            if (RouteIds.Cell(cellId) is not { } id || await projects.GetCellAsync(projectId, id, cancellationToken) is null)
                return CommandOutcome<IReadOnlyList<ViewerDto>>.Invalid($"cellId '{cellId}' is not a cell of this project.");
            cell = id;
        }
        var before = await LiveAsync(projectId, cancellationToken);
        var existing = before.FirstOrDefault(e => e.SessionId == sessionId);
        if (existing is not null && existing.User.Id != user.Id)
            return CommandOutcome<IReadOnlyList<ViewerDto>>.Forbidden($"Session {sessionId} belongs to another user.");
        if (existing is null && Full(before, user) is { } full)
            return new CommandOutcome<IReadOnlyList<ViewerDto>>.Refused(StatusCodes.Status429TooManyRequests, full);
        var entry = new PresenceEntry(projectId, sessionId, user, cell, clock.GetUtcNow());
        await store.SaveAsync(entry, cancellationToken);
        _heard[(projectId, sessionId)] = 0;
        var after = PresenceOrder.Sort([.. before.Where(e => e.SessionId != sessionId), entry]);
        if (existing is null || existing.CellId != cell || existing.User != user) await PublishAsync(projectId, after, cancellationToken);
        return new CommandOutcome<IReadOnlyList<ViewerDto>>.Done(Viewers(after));
    }

    /// <summary>The tab closed. Leaving twice, or after expiry, is fine.</summary>
    public async Task<CommandOutcome<bool>> LeaveAsync(ProjectId projectId, string sessionId, SeptUser user, CancellationToken cancellationToken)
    {
        if (!IsSessionId(sessionId)) return CommandOutcome<bool>.Invalid(SessionIdProblem(sessionId));
        var existing = (await LiveAsync(projectId, cancellationToken)).FirstOrDefault(e => e.SessionId == sessionId);
        if (existing is not null && existing.User.Id != user.Id)
            return CommandOutcome<bool>.Forbidden($"Session {sessionId} belongs to another user.");
        await RemoveAsync(projectId, sessionId, cancellationToken);
        return new CommandOutcome<bool>.Done(true);
    }

    public async Task<IReadOnlyList<ViewerDto>> ListAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        Viewers(await LiveAsync(projectId, cancellationToken));

    /// <summary>The tab's session <paramref name="sessionId"/> listens on <paramref name="connectionId"/> (its subscription).</summary>
    public void Connected(ProjectId projectId, string sessionId, string connectionId) => _byConnection[connectionId] = (projectId, sessionId);

    /// <summary>A hub connection closed: its tab's session goes (older web builds used the connection id as the session id).</summary>
    public async Task ConnectionClosedAsync(string connectionId, CancellationToken cancellationToken)
    {
        if (_byConnection.TryRemove(connectionId, out var session)) await RemoveAsync(session.Project, session.Session, cancellationToken);
        foreach (var (projectId, _) in _heard.Keys.Where(k => k.Session == connectionId).ToList())
            await RemoveAsync(projectId, connectionId, cancellationToken);
    }

    /// <summary>Removes expired viewers of the projects this instance heard from and tells their watchers.</summary>
    public async Task SweepAsync(CancellationToken cancellationToken)
    {
        foreach (var projectId in _heard.Keys.Select(k => k.Project).Distinct().ToList())
        {
            var liveSince = LiveSince();
            var expired = await store.RemoveExpiredAsync(projectId, liveSince, cancellationToken);
            var live = await store.ListAsync(projectId, liveSince, cancellationToken);
            // Forget sessions that are gone, whoever removed them (another instance, an expiry).
            foreach (var key in _heard.Keys.Where(k => k.Project == projectId && live.All(e => e.SessionId != k.Session)).ToList())
                _heard.TryRemove(key, out _);
            if (expired.Count > 0) await PublishAsync(projectId, live, cancellationToken);
        }
    }

    private async Task RemoveAsync(ProjectId projectId, string sessionId, CancellationToken cancellationToken)
    {
        _heard.TryRemove((projectId, sessionId), out _);
        if (await store.RemoveAsync(projectId, sessionId, cancellationToken))
            await PublishAsync(projectId, await LiveAsync(projectId, cancellationToken), cancellationToken);
    }

    private Task<IReadOnlyList<PresenceEntry>> LiveAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        store.ListAsync(projectId, LiveSince(), cancellationToken);

    private string? Full(IReadOnlyList<PresenceEntry> live, SeptUser user)
    {
        var limits = options.Value;
        if (live.Count >= limits.MaxSessionsPerProject)
            return $"The project has {live.Count} open sessions, the most it may have; close a tab or wait for one to expire.";
        var mine = live.Count(e => e.User.Id == user.Id);
        return mine >= limits.MaxSessionsPerUser
            ? $"You have {mine} open sessions on this project, the most one person may have; close a tab."
            : null;
    }

    private DateTimeOffset LiveSince() => clock.GetUtcNow() - options.Value.Ttl;

    private Task PublishAsync(ProjectId projectId, IReadOnlyList<PresenceEntry> live, CancellationToken cancellationToken) =>
        realtime.PublishAsync(projectId, new PresenceChanged(Viewers(live)) { ProjectId = projectId.ToString() }, cancellationToken);

    private static List<ViewerDto> Viewers(IEnumerable<PresenceEntry> entries) => [.. entries.Select(ViewerDto.From)];

    private static string SessionIdProblem(string sessionId) =>
        $"sessionId '{sessionId}' must be 8 to 64 characters of A-Z, a-z, 0-9, '_' and '-'.";
}
