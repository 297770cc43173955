using Microsoft.Extensions.Options;
using Sept.Functions.Identity;

namespace Sept.Functions.Workspaces;

/// <summary>Which workspaces a signed-in user belongs to. Binds unbound member entries (added by email) to the
/// user's id the first time they are seen, and in Local mode makes sure the local workspace exists with the local
/// user as admin (SQLite's migration creates it too; Cosmos has no migration). A database where the local user left
/// or was demoted (possible before <see cref="IsLocalSelf"/> guarded it) gets the local user back as admin.</summary>
public sealed class WorkspaceAccess(IWorkspaceStore store, IOptions<SeptAuthOptions> auth, TimeProvider clock)
{
    private readonly SemaphoreSlim _localGate = new(1, 1);
    private volatile bool _localReady;

    public async Task<IReadOnlyList<Membership>> MembershipsAsync(SeptUser user, CancellationToken cancellationToken)
    {
        await EnsureLocalWorkspaceAsync(cancellationToken);
        var memberships = new List<Membership>();
        foreach (var membership in await store.MembershipsOfAsync(user, cancellationToken))
        {
            if (membership.Member.UserId is not null) { memberships.Add(membership); continue; }
            var bound = membership.Member with { UserId = user.Id, Name = user.Name };
            if (await store.UpdateMemberAsync(bound, cancellationToken) is Storage.SaveOutcome<MemberRecord>.Saved saved)
                memberships.Add(membership with { Member = saved.Value });
        }
        return memberships;
    }

    /// <summary>The user's membership of one workspace; null when not a member (or no such workspace).</summary>
    public async Task<Membership?> MembershipAsync(SeptUser user, string workspaceId, CancellationToken cancellationToken) =>
        (await MembershipsAsync(user, cancellationToken)).FirstOrDefault(m => m.Workspace.Id == workspaceId);

    /// <summary>Local mode has one user: they may not remove or demote themselves anywhere, or nobody could sign in
    /// as anyone else to undo it.</summary>
    public bool IsLocalSelf(string memberEmail) =>
        auth.Value.Mode == AuthMode.Local && memberEmail == KeyOf(SeptUser.Local);

    /// <summary>The key a user is stored under: their email, or their id when the token carries no email.</summary>
    public static string KeyOf(SeptUser user) => user.Email.Length > 0 ? user.Email.ToLowerInvariant() : user.Id.ToLowerInvariant();

    public static MemberRecord AdminEntry(SeptUser user, string workspaceId, DateTimeOffset now) =>
        new(workspaceId, KeyOf(user), user.Id, user.Name, WorkspaceRole.Admin, now);

    private async Task EnsureLocalWorkspaceAsync(CancellationToken cancellationToken)
    {
        if (_localReady || auth.Value.Mode != AuthMode.Local) return;
        await _localGate.WaitAsync(cancellationToken);
        try
        {
            if (_localReady) return;
            var now = clock.GetUtcNow();
            var admin = AdminEntry(SeptUser.Local, LocalWorkspace.Id, now);
            await store.CreateWorkspaceAsync(new WorkspaceRecord(LocalWorkspace.Id, LocalWorkspace.Slug, LocalWorkspace.Name, 1, now),
                admin, cancellationToken);
            switch (await store.GetMemberAsync(LocalWorkspace.Id, admin.Email, cancellationToken))
            {
                case null:
                    await store.AddMemberAsync(admin, cancellationToken);
                    break;
                case { Role: not WorkspaceRole.Admin } demoted:
                    await store.UpdateMemberAsync(demoted with { Role = WorkspaceRole.Admin }, cancellationToken);
                    break;
            }
            _localReady = true;
        }
        finally
        {
            _localGate.Release();
        }
    }
}
