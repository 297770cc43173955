using Microsoft.AspNetCore.SignalR;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Realtime;

/// <summary>Local <see cref="IRealtime"/> over the in-process SignalR hub.</summary>
public sealed class HubRealtime(IHubContext<NotebookHub> hub, HubConnections connections) : IRealtime
{
    public Task PublishAsync(ProjectId projectId, RealtimeEvent realtimeEvent, CancellationToken cancellationToken) =>
        hub.Clients.Group(NotebookHub.Group(projectId)).SendAsync(realtimeEvent.Target, realtimeEvent with { ProjectId = projectId.ToString() }, cancellationToken);

    public Task SubscribeAsync(ProjectId projectId, string connectionId, CancellationToken cancellationToken) =>
        hub.Groups.AddToGroupAsync(connectionId, NotebookHub.Group(projectId), cancellationToken);

    public async Task<bool> IsConnectionOfAsync(string connectionId, string userId, CancellationToken cancellationToken)
    {
        // SignalR answers the client's handshake before the hub's OnConnectedAsync records the connection, so a
        // client that subscribes right after connecting may be a moment early: wait briefly for its connection.
        var deadline = DateTime.UtcNow + ConnectGrace;
        while (!connections.Owns(userId, connectionId))
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(20, cancellationToken);
        }
        return true;
    }

    private static readonly TimeSpan ConnectGrace = TimeSpan.FromSeconds(2);

    public Task UnsubscribeAsync(ProjectId projectId, string connectionId, CancellationToken cancellationToken) =>
        hub.Groups.RemoveFromGroupAsync(connectionId, NotebookHub.Group(projectId), cancellationToken);

    public Task DisconnectUserAsync(string userId, CancellationToken cancellationToken)
    {
        connections.Abort(userId);
        return Task.CompletedTask;
    }
}
