using System.Security.Claims;
using Sept.Functions.Identity;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Workspaces;

/// <summary>Decides what a caller may do with one project.</summary>
public interface IProjectAuthorizer
{
    Task<ProjectAccess> AuthorizeAsync(ClaimsPrincipal principal, ProjectId projectId, WorkspaceRole minimum, CancellationToken cancellationToken);
}

/// <summary>The answer of <see cref="IProjectAuthorizer"/>. Unknown projects and projects in workspaces the caller is
/// not a member of are both <see cref="Hidden"/> (404), so ids cannot be probed; members below the role get
/// <see cref="Forbidden"/> (403).</summary>
public abstract record ProjectAccess
{
    public sealed record Granted(ProjectRecord Project, SeptUser User, WorkspaceRole Role) : ProjectAccess;
    public sealed record Hidden : ProjectAccess;
    public sealed record Forbidden(WorkspaceRole Role, WorkspaceRole Needed) : ProjectAccess;
    public sealed record Unauthenticated : ProjectAccess;
}
