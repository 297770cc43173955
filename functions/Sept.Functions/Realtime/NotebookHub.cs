using Microsoft.AspNetCore.SignalR;
using Sept.Functions.Identity;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Realtime;

/// <summary>The local SignalR hub at /api/hub (signed-in users only). Clients only listen; they join a project's group
/// with <see cref="Subscribe"/> or POST /api/projects/{id}/subscriptions, both needing viewer access.</summary>
public sealed class NotebookHub(HubConnections connections, IProjectAuthorizer authorizer) : Hub
{
    public static string Group(ProjectId projectId) => $"p_{projectId}";

    public override async Task OnConnectedAsync()
    {
        if (SeptUser.FromPrincipal(Context.User!) is { } user) connections.Add(user.Id, Context);
        await base.OnConnectedAsync();
    }

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        if (SeptUser.FromPrincipal(Context.User!) is { } user) connections.Remove(user.Id, Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }

    public async Task Subscribe(string projectId)
    {
        // Unknown and not-allowed projects read the same, like the HTTP API's 404.
        if (!ProjectId.TryParse(projectId, out var id)
            || await authorizer.AuthorizeAsync(Context.User!, id, WorkspaceRole.Viewer, Context.ConnectionAborted) is not ProjectAccess.Granted)
            throw new HubException($"Project {projectId} does not exist.");
        await Groups.AddToGroupAsync(Context.ConnectionId, Group(id));
    }

    public async Task Unsubscribe(string projectId)
    {
        if (ProjectId.TryParse(projectId, out var id)) await Groups.RemoveFromGroupAsync(Context.ConnectionId, Group(id));
    }
}
