using Sept.Functions.Identity;
using Sept.Functions.Storage;

namespace Sept.Functions.Workspaces;

/// <summary>Workspaces and their members. Rules that span entries (the last admin stays, no delete while projects
/// remain) belong to the caller; the store keeps slugs unique and emails unique per workspace.</summary>
public interface IWorkspaceStore
{
    /// <summary>Stores a new workspace (Version 1) with its first member. Exists when the id or the slug is taken.</summary>
    Task<SaveOutcome<WorkspaceRecord>> CreateWorkspaceAsync(WorkspaceRecord workspace, MemberRecord firstMember, CancellationToken cancellationToken);

    Task<WorkspaceRecord?> GetWorkspaceAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Replaces name and slug when the stored Version equals <paramref name="expectedVersion"/>; bumps Version.
    /// Exists when the new slug belongs to another workspace.</summary>
    Task<SaveOutcome<WorkspaceRecord>> UpdateWorkspaceAsync(WorkspaceRecord workspace, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Deletes the workspace and its members. False when it did not exist.</summary>
    Task<bool> DeleteWorkspaceAsync(string workspaceId, CancellationToken cancellationToken);

    /// <summary>Members ordered by email.</summary>
    Task<IReadOnlyList<MemberRecord>> ListMembersAsync(string workspaceId, CancellationToken cancellationToken);

    Task<MemberRecord?> GetMemberAsync(string workspaceId, string email, CancellationToken cancellationToken);

    /// <summary>NotFound when the workspace does not exist; Exists when the email is already a member.</summary>
    Task<SaveOutcome<MemberRecord>> AddMemberAsync(MemberRecord member, CancellationToken cancellationToken);

    /// <summary>Replaces the member's user id, name and role. NotFound when the email is not a member.</summary>
    Task<SaveOutcome<MemberRecord>> UpdateMemberAsync(MemberRecord member, CancellationToken cancellationToken);

    Task<bool> RemoveMemberAsync(string workspaceId, string email, CancellationToken cancellationToken);

    /// <summary>The user's memberships: entries bound to <see cref="SeptUser.Id"/>, and unbound entries with the
    /// user's email (the caller binds those). Ordered by workspace creation.</summary>
    Task<IReadOnlyList<Membership>> MembershipsOfAsync(SeptUser user, CancellationToken cancellationToken);
}
