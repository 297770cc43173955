using System.Security.Claims;
using Sept.Functions.Identity;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Workspaces;

/// <summary>Project access from workspace membership: not signed in = Unauthenticated; unknown project or not a
/// member of its workspace = Hidden (404, so ids cannot be probed); below the needed role = Forbidden.</summary>
public sealed class MembershipAuthorizer(IProjectStore projects, IWorkspaceStore workspaces, WorkspaceAccess access)
    : IProjectAuthorizer, IMemberDirectory
{
    public async Task<ProjectAccess> AuthorizeAsync(
        ClaimsPrincipal principal, ProjectId projectId, WorkspaceRole minimum, CancellationToken cancellationToken)
    {
        if (SeptUser.FromPrincipal(principal) is not { } user) return new ProjectAccess.Unauthenticated();
        if (await projects.GetProjectAsync(projectId, cancellationToken) is not { } project) return new ProjectAccess.Hidden();
        if (await access.MembershipAsync(user, project.WorkspaceId, cancellationToken) is not { } membership) return new ProjectAccess.Hidden();
        return membership.Role >= minimum
            ? new ProjectAccess.Granted(project, user, membership.Role)
            : new ProjectAccess.Forbidden(membership.Role, minimum);
    }

    public async Task<IReadOnlyList<ProjectMember>> MembersOfProjectAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        if (await projects.GetProjectAsync(projectId, cancellationToken) is not { } project) return [];
        var members = await workspaces.ListMembersAsync(project.WorkspaceId, cancellationToken);
        return [.. members.Select(m => new ProjectMember(new SeptUser(m.UserId ?? m.Email, m.Name, m.Email), m.Role))];
    }
}
