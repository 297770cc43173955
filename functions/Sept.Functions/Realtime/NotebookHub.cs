using Microsoft.AspNetCore.SignalR;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Realtime;

/// <summary>The local SignalR hub at /api/hub. Clients only listen; they join a project's group with
/// <see cref="Subscribe"/> or POST /api/projects/{id}/subscriptions.</summary>
public sealed class NotebookHub : Hub
{
    public static string Group(ProjectId projectId) => $"p_{projectId}";

    public async Task Subscribe(string projectId)
    {
        if (!ProjectId.TryParse(projectId, out var id)) throw new HubException($"'{projectId}' is not a project id.");
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(id));
    }

    public async Task Unsubscribe(string projectId)
    {
        if (ProjectId.TryParse(projectId, out var id)) await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(id));
    }
}
