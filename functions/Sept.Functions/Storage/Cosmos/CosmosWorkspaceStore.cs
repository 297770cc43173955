using System.Net;
using Microsoft.Azure.Cosmos;
using Sept.Functions.Identity;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Storage.Cosmos;

/// <summary><see cref="IWorkspaceStore"/> on the "notebook" container (PK /projectId), which answers single-partition
/// requests only. Layout: partition "_ws:&lt;workspaceId&gt;" holds the workspace ("workspace") and its members
/// ("member:&lt;email&gt;"); "_slugs" holds one claim per slug (id = slug), whose create conflict keeps slugs unique;
/// "_member:&lt;email&gt;" and "_user:&lt;userId&gt;" hold one pointer per workspace (id = workspaceId) so a person's
/// memberships are one query each. The member document is the truth; pointers are written after it and removed
/// after it, and a pointer whose member is gone is ignored.</summary>
public sealed class CosmosWorkspaceStore(Container container, TimeProvider clock) : IWorkspaceStore
{
    public const string SlugPartition = "_slugs";

    private readonly CosmosItems _items = new(container);

    public static string WorkspacePartition(string workspaceId) => $"_ws:{workspaceId}";

    private static string EmailPartition(string email) => $"_member:{email}";

    private static string UserPartition(string userId) => $"_user:{userId}";

    public async Task<SaveOutcome<WorkspaceRecord>> CreateWorkspaceAsync(
        WorkspaceRecord workspace, MemberRecord firstMember, CancellationToken cancellationToken)
    {
        var stored = workspace with { Version = 1, CreatedAt = clock.GetUtcNow() };
        if (!await ClaimSlugAsync(stored.Slug, stored.Id, cancellationToken)) return new SaveOutcome<WorkspaceRecord>.Exists();
        if (await _items.CreateAsync(WorkspacePartition(stored.Id), WorkspaceDocument.Of(stored), cancellationToken) == HttpStatusCode.Conflict)
        {
            await _items.DeleteAsync(SlugPartition, stored.Slug, cancellationToken);
            return new SaveOutcome<WorkspaceRecord>.Exists();
        }
        await WriteMemberAsync(firstMember with { WorkspaceId = stored.Id, AddedAt = clock.GetUtcNow() }, cancellationToken);
        return new SaveOutcome<WorkspaceRecord>.Saved(stored);
    }

    public async Task<WorkspaceRecord?> GetWorkspaceAsync(string workspaceId, CancellationToken cancellationToken) =>
        (await ReadWorkspaceAsync(workspaceId, cancellationToken))?.ToRecord();

    public async Task<SaveOutcome<WorkspaceRecord>> UpdateWorkspaceAsync(WorkspaceRecord workspace, long expectedVersion, CancellationToken cancellationToken)
    {
        if (await ReadWorkspaceAsync(workspace.Id, cancellationToken) is not { } current) return new SaveOutcome<WorkspaceRecord>.NotFound();
        if (current.Version != expectedVersion) return new SaveOutcome<WorkspaceRecord>.Stale(current.ToRecord());
        var slugChanged = current.Slug != workspace.Slug;
        if (slugChanged && !await ClaimSlugAsync(workspace.Slug, workspace.Id, cancellationToken)) return new SaveOutcome<WorkspaceRecord>.Exists();
        var next = current with { Slug = workspace.Slug, Name = workspace.Name, Version = expectedVersion + 1, ETag = null };
        var status = await _items.ReplaceAsync(current.ProjectId, WorkspaceDocument.DocumentId, next, current.ETag!, cancellationToken);
        if (status != HttpStatusCode.OK)
        {
            if (slugChanged) await _items.DeleteAsync(SlugPartition, workspace.Slug, cancellationToken);
            return await ReadWorkspaceAsync(workspace.Id, cancellationToken) is { } now
                ? new SaveOutcome<WorkspaceRecord>.Stale(now.ToRecord())
                : new SaveOutcome<WorkspaceRecord>.NotFound();
        }
        if (slugChanged) await _items.DeleteAsync(SlugPartition, current.Slug, cancellationToken);
        return new SaveOutcome<WorkspaceRecord>.Saved(next.ToRecord());
    }

    public async Task<bool> DeleteWorkspaceAsync(string workspaceId, CancellationToken cancellationToken)
    {
        if (await ReadWorkspaceAsync(workspaceId, cancellationToken) is not { } workspace) return false;
        foreach (var member in await ListMembersAsync(workspaceId, cancellationToken))
            await RemoveMemberAsync(workspaceId, member.Email, cancellationToken);
        await _items.DeleteAsync(workspace.ProjectId, WorkspaceDocument.DocumentId, cancellationToken);
        await _items.DeleteAsync(SlugPartition, workspace.Slug, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<MemberRecord>> ListMembersAsync(string workspaceId, CancellationToken cancellationToken)
    {
        var members = await _items.QueryAsync<MemberDocument>(WorkspacePartition(workspaceId),
            new QueryDefinition("SELECT * FROM c WHERE c.projectId = @partition AND c.type = 'member'"), cancellationToken);
        return [.. members.Select(m => m.ToRecord()).OrderBy(m => m.Email, StringComparer.Ordinal)];
    }

    public async Task<MemberRecord?> GetMemberAsync(string workspaceId, string email, CancellationToken cancellationToken) =>
        (await _items.ReadAsync<MemberDocument>(WorkspacePartition(workspaceId), MemberDocument.IdOf(email), cancellationToken))?.ToRecord();

    public async Task<SaveOutcome<MemberRecord>> AddMemberAsync(MemberRecord member, CancellationToken cancellationToken)
    {
        if (await ReadWorkspaceAsync(member.WorkspaceId, cancellationToken) is null) return new SaveOutcome<MemberRecord>.NotFound();
        var stored = member with { AddedAt = clock.GetUtcNow() };
        if (await _items.CreateAsync(WorkspacePartition(member.WorkspaceId), MemberDocument.Of(stored), cancellationToken) == HttpStatusCode.Conflict)
            return new SaveOutcome<MemberRecord>.Exists();
        await WritePointersAsync(stored, cancellationToken);
        return new SaveOutcome<MemberRecord>.Saved(stored);
    }

    public async Task<SaveOutcome<MemberRecord>> UpdateMemberAsync(MemberRecord member, CancellationToken cancellationToken)
    {
        if (await GetMemberAsync(member.WorkspaceId, member.Email, cancellationToken) is not { } current) return new SaveOutcome<MemberRecord>.NotFound();
        var stored = member with { AddedAt = current.AddedAt };
        await WriteMemberAsync(stored, cancellationToken);
        return new SaveOutcome<MemberRecord>.Saved(stored);
    }

    public async Task<bool> RemoveMemberAsync(string workspaceId, string email, CancellationToken cancellationToken)
    {
        if (await GetMemberAsync(workspaceId, email, cancellationToken) is not { } member) return false;
        await _items.DeleteAsync(WorkspacePartition(workspaceId), MemberDocument.IdOf(email), cancellationToken);
        await _items.DeleteAsync(EmailPartition(email), workspaceId, cancellationToken);
        if (member.UserId is { } userId) await _items.DeleteAsync(UserPartition(userId), workspaceId, cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<Membership>> MembershipsOfAsync(SeptUser user, CancellationToken cancellationToken)
    {
        var email = user.Email.ToLowerInvariant();
        var pointers = (await PointersAsync(UserPartition(user.Id), cancellationToken))
            .Concat(email.Length > 0 ? await PointersAsync(EmailPartition(email), cancellationToken) : []);
        var memberships = new List<Membership>();
        foreach (var pointer in pointers.DistinctBy(p => (p.WorkspaceId, p.Email)))
        {
            if (await GetMemberAsync(pointer.WorkspaceId, pointer.Email ?? email, cancellationToken) is not { } member
                || !(member.UserId == user.Id || (member.UserId is null && member.Email == email))
                || memberships.Any(m => m.Workspace.Id == member.WorkspaceId)
                || await GetWorkspaceAsync(member.WorkspaceId, cancellationToken) is not { } workspace) continue;
            memberships.Add(new Membership(workspace, member));
        }
        return [.. memberships.OrderBy(m => m.Workspace.CreatedAt).ThenBy(m => m.Workspace.Id, StringComparer.Ordinal)];
    }

    private async Task WriteMemberAsync(MemberRecord member, CancellationToken cancellationToken)
    {
        await _items.UpsertAsync(WorkspacePartition(member.WorkspaceId), MemberDocument.Of(member), cancellationToken);
        await WritePointersAsync(member, cancellationToken);
    }

    private async Task WritePointersAsync(MemberRecord member, CancellationToken cancellationToken)
    {
        await _items.UpsertAsync(EmailPartition(member.Email),
            new WorkspacePointer(member.WorkspaceId, EmailPartition(member.Email), "memberPointer", member.WorkspaceId, member.Email), cancellationToken);
        if (member.UserId is { } userId)
            await _items.UpsertAsync(UserPartition(userId),
                new WorkspacePointer(member.WorkspaceId, UserPartition(userId), "userPointer", member.WorkspaceId, member.Email), cancellationToken);
    }

    private Task<List<WorkspacePointer>> PointersAsync(string partition, CancellationToken cancellationToken) =>
        _items.QueryAsync<WorkspacePointer>(partition, new QueryDefinition("SELECT * FROM c WHERE c.projectId = @partition"), cancellationToken);

    private async Task<bool> ClaimSlugAsync(string slug, string workspaceId, CancellationToken cancellationToken) =>
        await _items.CreateAsync(SlugPartition, new WorkspacePointer(slug, SlugPartition, "slug", workspaceId), cancellationToken) != HttpStatusCode.Conflict;

    private Task<WorkspaceDocument?> ReadWorkspaceAsync(string workspaceId, CancellationToken cancellationToken) =>
        _items.ReadAsync<WorkspaceDocument>(WorkspacePartition(workspaceId), WorkspaceDocument.DocumentId, cancellationToken);
}
