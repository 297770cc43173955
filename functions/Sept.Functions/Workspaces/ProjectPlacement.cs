using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;

namespace Sept.Functions.Workspaces;

/// <summary>Where a new or imported project goes: the named workspace (editor or above), else the caller's first
/// workspace. Not a member (or no such id) is 404 like every workspace route.</summary>
public static class ProjectPlacement
{
    public static async Task<(Membership? Target, ProblemHttpResult? Problem)> ResolveAsync(
        HttpContext http, string? workspaceId, CancellationToken cancellationToken)
    {
        var user = WorkspaceEndpoints.Caller(http);
        var memberships = await http.RequestServices.GetRequiredService<WorkspaceAccess>().MembershipsAsync(user, cancellationToken);
        var target = workspaceId is null ? memberships.FirstOrDefault() : memberships.FirstOrDefault(m => m.Workspace.Id == workspaceId);
        if (target is null)
            return (null, workspaceId is null
                ? Problems.BadRequest("You are not a member of any workspace; create one first (POST /api/workspaces).")
                : WorkspaceRoleFilter.NotFound(workspaceId));
        if (target.Role < WorkspaceRole.Editor)
            return (null, Problems.Problem(StatusCodes.Status403Forbidden, "Forbidden",
                $"Creating projects in workspace {target.Workspace.Slug} needs the editor role; you are {WorkspaceRoleFilter.Name(target.Role)}."));
        return (target, null);
    }
}
