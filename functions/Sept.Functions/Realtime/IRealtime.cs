using Sept.Notebooks.Cells;

namespace Sept.Functions.Realtime;

/// <summary>Pushes events to everyone watching a project. Local: ASP.NET Core SignalR hub groups.
/// Azure: SignalR Service (Serverless) data-plane REST, group "p_{projectId}".</summary>
public interface IRealtime
{
    Task PublishAsync(ProjectId projectId, RealtimeEvent realtimeEvent, CancellationToken cancellationToken);

    /// <summary>Adds a connection to the project's group.</summary>
    Task SubscribeAsync(ProjectId projectId, string connectionId, CancellationToken cancellationToken);

    /// <summary>Whether the connection is one of the user's own. Locally the hub knows; SignalR Service's REST API
    /// cannot tell, so there the check is that connection ids are unguessable and never shown to others.</summary>
    Task<bool> IsConnectionOfAsync(string connectionId, string userId, CancellationToken cancellationToken) => Task.FromResult(true);

    Task UnsubscribeAsync(ProjectId projectId, string connectionId, CancellationToken cancellationToken);

    /// <summary>Closes every open connection of the user (a removed member stops receiving events at once).</summary>
    Task DisconnectUserAsync(string userId, CancellationToken cancellationToken);
}
