using System.Collections.Concurrent;
using Sept.Functions.Realtime;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Support;

/// <summary>Keeps every published event (and still forwards to the real hub), so tests can wait on events.</summary>
public sealed class RecordingRealtime(HubRealtime hub) : IRealtime
{
    private readonly ConcurrentQueue<(ProjectId Project, RealtimeEvent Event)> _events = new();
    private readonly SemaphoreSlim _published = new(0);

    public IReadOnlyList<RealtimeEvent> EventsOf(ProjectId projectId) => [.. _events.Where(e => e.Project == projectId).Select(e => e.Event)];

    public async Task PublishAsync(ProjectId projectId, RealtimeEvent realtimeEvent, CancellationToken cancellationToken)
    {
        _events.Enqueue((projectId, realtimeEvent));
        _published.Release();
        await hub.PublishAsync(projectId, realtimeEvent, cancellationToken);
    }

    public Task SubscribeAsync(ProjectId projectId, string connectionId, CancellationToken cancellationToken) =>
        hub.SubscribeAsync(projectId, connectionId, cancellationToken);

    public Task<bool> IsConnectionOfAsync(string connectionId, string userId, CancellationToken cancellationToken) =>
        hub.IsConnectionOfAsync(connectionId, userId, cancellationToken);

    public Task UnsubscribeAsync(ProjectId projectId, string connectionId, CancellationToken cancellationToken) =>
        hub.UnsubscribeAsync(projectId, connectionId, cancellationToken);

    public Task DisconnectUserAsync(string userId, CancellationToken cancellationToken) => hub.DisconnectUserAsync(userId, cancellationToken);

    /// <summary>Waits until an event of the project matches; fails after the timeout.</summary>
    public async Task<T> WaitForAsync<T>(ProjectId projectId, Func<T, bool> match, TimeSpan? timeout = null) where T : RealtimeEvent
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            if (EventsOf(projectId).OfType<T>().FirstOrDefault(match) is { } found) return found;
            try
            {
                await _published.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No {typeof(T).Name} matched within the timeout. Seen: " +
                    string.Join(", ", EventsOf(projectId).Select(e => e.Target)));
            }
        }
    }
}
