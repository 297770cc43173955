using Microsoft.AspNetCore.SignalR;

namespace Sept.Functions.Presence;

/// <summary>Local hub only: when a connection closes, the presence session subscribed with it goes at once instead
/// of after the TTL. A hub filter, so the hub class itself stays as it is.</summary>
public sealed class PresenceHubFilter(PresenceTracker tracker) : IHubFilter
{
    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        await next(context, exception);
        await tracker.ConnectionClosedAsync(context.Context.ConnectionId, CancellationToken.None);
    }
}
