using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;

namespace Sept.Functions.Workspaces;

/// <summary>/api/workspaces/{workspaceId}/members: list (member), add and change roles (admin), remove (admin or the
/// member themself). A workspace always keeps one admin. A removed member's open realtime connections are closed, so
/// they stop receiving events at once (they may reconnect and join only what they can still see).</summary>
public static class MemberEndpoints
{
    public const int MaxEmailLength = 254;

    public static IEndpointRouteBuilder MapWorkspaceMembers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/workspaces/{workspaceId}/members");
        group.MapGet("/", ListAsync).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapPost("/", AddAsync).RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapPatch("/{email}", UpdateAsync).RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapDelete("/{email}", RemoveAsync).RequireWorkspaceRole(WorkspaceRole.Viewer);
        return routes;
    }

    private static async Task<Ok<MemberDto[]>> ListAsync(HttpContext http, IWorkspaceStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListMembersAsync(http.WorkspaceMembership().Membership.Workspace.Id, cancellationToken))
            .Select(MemberDto.From).ToArray());

    private static async Task<Results<Created<MemberDto>, ProblemHttpResult>> AddAsync(
        AddMember body, HttpContext http, IWorkspaceStore store, CancellationToken cancellationToken)
    {
        var workspaceId = http.WorkspaceMembership().Membership.Workspace.Id;
        var email = body.Email?.Trim().ToLowerInvariant() ?? "";
        if (email.Length is < 3 or > MaxEmailLength || !email.Contains('@') || email.Any(char.IsWhiteSpace))
            return Problems.BadRequest($"email must be an email address (got '{body.Email}').");
        if (body.Role is not { } role) return Problems.BadRequest("role must be admin, editor or viewer.");
        var name = string.IsNullOrWhiteSpace(body.Name) ? email : body.Name.Trim();
        if (name.Length > WorkspaceEndpoints.MaxNameLength) return Problems.BadRequest($"name is longer than {WorkspaceEndpoints.MaxNameLength} characters.");
        return await store.AddMemberAsync(new MemberRecord(workspaceId, email, null, name, role, default), cancellationToken) switch
        {
            SaveOutcome<MemberRecord>.Saved saved =>
                TypedResults.Created($"/api/workspaces/{workspaceId}/members/{Uri.EscapeDataString(email)}", MemberDto.From(saved.Value)),
            SaveOutcome<MemberRecord>.Exists => Problems.Problem(StatusCodes.Status409Conflict, "Already a member", $"{email} is already a member."),
            _ => WorkspaceRoleFilter.NotFound(workspaceId),
        };
    }

    private static async Task<Results<Ok<MemberDto>, ProblemHttpResult>> UpdateAsync(
        string email, UpdateMember body, HttpContext http, IWorkspaceStore store, WorkspaceAccess access, CancellationToken cancellationToken)
    {
        var workspaceId = http.WorkspaceMembership().Membership.Workspace.Id;
        if (body.Role is not { } role) return Problems.BadRequest("role must be admin, editor or viewer.");
        var members = await store.ListMembersAsync(workspaceId, cancellationToken);
        if (members.FirstOrDefault(m => m.Email == email.ToLowerInvariant()) is not { } member) return NoMember(email);
        if (role != WorkspaceRole.Admin && LastAdmin(members, member)) return KeepsAnAdmin();
        if (role != WorkspaceRole.Admin && access.IsLocalSelf(member.Email)) return KeepsLocalUser();
        return await store.UpdateMemberAsync(member with { Role = role }, cancellationToken) is SaveOutcome<MemberRecord>.Saved saved
            ? TypedResults.Ok(MemberDto.From(saved.Value))
            : NoMember(email);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string email, HttpContext http, IWorkspaceStore store, IRealtime realtime, WorkspaceAccess access, CancellationToken cancellationToken)
    {
        var (user, membership) = http.WorkspaceMembership();
        var workspaceId = membership.Workspace.Id;
        var members = await store.ListMembersAsync(workspaceId, cancellationToken);
        var self = membership.Member.Email == email.ToLowerInvariant();
        if (!self && membership.Role < WorkspaceRole.Admin)
            return Problems.Problem(StatusCodes.Status403Forbidden, "Forbidden",
                $"Removing other members needs the admin role; you are {WorkspaceRoleFilter.Name(membership.Role)}.");
        if (members.FirstOrDefault(m => m.Email == email.ToLowerInvariant()) is not { } member) return NoMember(email);
        if (LastAdmin(members, member)) return KeepsAnAdmin();
        if (access.IsLocalSelf(member.Email)) return KeepsLocalUser();
        if (!await store.RemoveMemberAsync(workspaceId, member.Email, cancellationToken)) return NoMember(email);
        if ((self ? user.Id : member.UserId) is { } userId) await realtime.DisconnectUserAsync(userId, cancellationToken);
        return TypedResults.NoContent();
    }

    private static bool LastAdmin(IReadOnlyList<MemberRecord> members, MemberRecord member) =>
        member.Role == WorkspaceRole.Admin && members.Count(m => m.Role == WorkspaceRole.Admin) == 1;

    private static ProblemHttpResult NoMember(string email) => Problems.NotFound($"{email} is not a member of this workspace.");

    private static ProblemHttpResult KeepsLocalUser() =>
        Problems.Problem(StatusCodes.Status409Conflict, "Only user",
            "In Local mode you are the only user: leaving or giving up admin would lock you out. Use Jwt mode for a team.");

    private static ProblemHttpResult KeepsAnAdmin() =>
        Problems.Problem(StatusCodes.Status409Conflict, "Last admin", "A workspace needs at least one admin; make someone else admin first.");
}
