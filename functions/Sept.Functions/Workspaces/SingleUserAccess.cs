using System.Security.Claims;
using Sept.Functions.Identity;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Workspaces;

/// <summary>Local mode without workspaces: the one local user is admin of every project that exists.</summary>
public sealed class SingleUserAccess(IProjectStore store) : IProjectAuthorizer, IMemberDirectory
{
    public async Task<ProjectAccess> AuthorizeAsync(
        ClaimsPrincipal principal, ProjectId projectId, WorkspaceRole minimum, CancellationToken cancellationToken) =>
        await store.GetProjectAsync(projectId, cancellationToken) is { } project
            ? new ProjectAccess.Granted(project, SeptUser.FromPrincipal(principal) ?? SeptUser.Local, WorkspaceRole.Admin)
            : new ProjectAccess.Hidden();

    public Task<IReadOnlyList<ProjectMember>> MembersOfProjectAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProjectMember>>([new ProjectMember(SeptUser.Local, WorkspaceRole.Admin)]);
}
