using Sept.Azure.SignalR;
using Sept.Functions.Realtime;
using Sept.Functions.Telemetry;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Azure;

/// <summary>Azure <see cref="IRealtime"/>: SignalR Service (Serverless) through its data-plane REST API, one group
/// per project named "p_{projectId}". Pushes are best effort, like the local hub: a failed push is logged and the
/// run goes on (clients re-read the project when they reconnect). A failed group join is an error the caller sees.</summary>
public sealed class SignalRServiceRealtime(SignalRServiceRestClient signalR, SeptTelemetry telemetry, ILogger<SignalRServiceRealtime> log) : IRealtime
{
    public static string Group(ProjectId projectId) => $"p_{projectId}";

    public async Task PublishAsync(ProjectId projectId, RealtimeEvent realtimeEvent, CancellationToken cancellationToken)
    {
        var sent = await signalR.SendToGroupAsync(Group(projectId), new SignalRMessage(realtimeEvent.Target, [realtimeEvent with { ProjectId = projectId.ToString() }]), null, cancellationToken);
        if (sent.Succeeded) return;
        telemetry.RealtimeSendFailed(realtimeEvent.Target);
        log.LogWarning("Could not push {Target} to project {ProjectId}: {Error}", realtimeEvent.Target, projectId, sent.Error);
    }

    public async Task SubscribeAsync(ProjectId projectId, string connectionId, CancellationToken cancellationToken)
    {
        var added = await signalR.AddConnectionToGroupAsync(Group(projectId), connectionId, cancellationToken);
        if (!added.Succeeded) throw new RealtimeUnavailableException($"Connection {connectionId} could not join project {projectId}: {added.Error}");
    }

    public async Task UnsubscribeAsync(ProjectId projectId, string connectionId, CancellationToken cancellationToken)
    {
        var removed = await signalR.RemoveConnectionFromGroupAsync(Group(projectId), connectionId, cancellationToken);
        if (!removed.Succeeded)
            log.LogWarning("Could not remove connection {ConnectionId} from project {ProjectId}: {Error}", connectionId, projectId, removed.Error);
    }

    /// <summary>Closes the user's connections (the user id is in their client token, see negotiate). Logged, not
    /// thrown, when the service refuses: the membership change it follows has already happened.</summary>
    public async Task DisconnectUserAsync(string userId, CancellationToken cancellationToken)
    {
        var closed = await signalR.CloseUserConnectionsAsync(userId, "access revoked", cancellationToken);
        if (!closed.Succeeded) log.LogWarning("Could not close the connections of user {UserId}: {Error}", userId, closed.Error);
    }
}

/// <summary>SignalR Service refused or could not be reached.</summary>
public sealed class RealtimeUnavailableException(string message) : Exception(message);
