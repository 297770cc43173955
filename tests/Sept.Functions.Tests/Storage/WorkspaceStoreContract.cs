using Sept.Functions.Identity;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Tests.Storage;

/// <summary>What every <see cref="IWorkspaceStore"/> must do. Derive once per implementation.</summary>
public abstract class WorkspaceStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    protected abstract IWorkspaceStore Store { get; }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_created_workspace_can_be_read_with_its_first_member()
    {
        var ada = Person("ada");
        var workspace = await NewWorkspaceAsync("Sales", ada);
        Assert.Equal(1, workspace.Version);
        Assert.Equal(("Sales", workspace.Slug), ((await Store.GetWorkspaceAsync(workspace.Id, Ct))!.Name, workspace.Slug));
        var member = Assert.Single(await Store.ListMembersAsync(workspace.Id, Ct));
        Assert.Equal((ada.Email, ada.Id, WorkspaceRole.Admin), (member.Email, member.UserId, member.Role));
        Assert.Null(await Store.GetWorkspaceAsync(WorkspaceIds.New(), Ct));
    }

    [Fact]
    public async Task Slugs_are_unique_on_create_and_on_rename()
    {
        var ada = Person("ada");
        var first = await NewWorkspaceAsync("First", ada);
        var second = await NewWorkspaceAsync("Second", ada);
        Assert.IsType<SaveOutcome<WorkspaceRecord>.Exists>(await Store.CreateWorkspaceAsync(
            new WorkspaceRecord(WorkspaceIds.New(), first.Slug, "Copy", 1, Now), Admin(ada, ""), Ct));
        Assert.IsType<SaveOutcome<WorkspaceRecord>.Exists>(await Store.UpdateWorkspaceAsync(second with { Slug = first.Slug }, 1, Ct));
        var renamed = Assert.IsType<SaveOutcome<WorkspaceRecord>.Saved>(
            await Store.UpdateWorkspaceAsync(second with { Slug = second.Slug + "-x", Name = "Renamed" }, 1, Ct)).Value;
        Assert.Equal((2L, "Renamed"), (renamed.Version, renamed.Name));
        // The old slug is free again; the new one is taken.
        Assert.IsType<SaveOutcome<WorkspaceRecord>.Saved>(await Store.CreateWorkspaceAsync(
            new WorkspaceRecord(WorkspaceIds.New(), second.Slug, "Reuse", 1, Now), Admin(ada, ""), Ct));
        Assert.IsType<SaveOutcome<WorkspaceRecord>.Stale>(await Store.UpdateWorkspaceAsync(renamed with { Name = "Old" }, 1, Ct));
    }

    [Fact]
    public async Task Members_are_added_once_updated_and_removed()
    {
        var ada = Person("ada");
        var workspace = await NewWorkspaceAsync("Team", ada);
        var bob = new MemberRecord(workspace.Id, Person("bob").Email, null, "Bob", WorkspaceRole.Viewer, Now);
        Assert.IsType<SaveOutcome<MemberRecord>.Saved>(await Store.AddMemberAsync(bob, Ct));
        Assert.IsType<SaveOutcome<MemberRecord>.Exists>(await Store.AddMemberAsync(bob with { Role = WorkspaceRole.Admin }, Ct));
        Assert.IsType<SaveOutcome<MemberRecord>.NotFound>(await Store.AddMemberAsync(bob with { WorkspaceId = WorkspaceIds.New() }, Ct));
        var editor = Assert.IsType<SaveOutcome<MemberRecord>.Saved>(await Store.UpdateMemberAsync(bob with { Role = WorkspaceRole.Editor }, Ct)).Value;
        Assert.Equal(WorkspaceRole.Editor, editor.Role);
        Assert.Equal([ada.Email, bob.Email], (await Store.ListMembersAsync(workspace.Id, Ct)).Select(m => m.Email));
        Assert.True(await Store.RemoveMemberAsync(workspace.Id, bob.Email, Ct));
        Assert.False(await Store.RemoveMemberAsync(workspace.Id, bob.Email, Ct));
        Assert.Null(await Store.GetMemberAsync(workspace.Id, bob.Email, Ct));
        Assert.IsType<SaveOutcome<MemberRecord>.NotFound>(await Store.UpdateMemberAsync(bob, Ct));
    }

    [Fact]
    public async Task Memberships_match_the_bound_user_id_or_an_unbound_email()
    {
        var ada = Person("ada");
        var bob = Person("bob");
        var own = await NewWorkspaceAsync("Own", bob);
        var invited = await NewWorkspaceAsync("Invited", ada);
        await Store.AddMemberAsync(new MemberRecord(invited.Id, bob.Email, null, bob.Email, WorkspaceRole.Editor, Now), Ct);
        var memberships = await Store.MembershipsOfAsync(bob, Ct);
        Assert.Equal([own.Id, invited.Id], memberships.Select(m => m.Workspace.Id));
        Assert.Equal(WorkspaceRole.Editor, memberships[1].Role);

        // Bound to Bob: the entry now follows his id, and nobody else with his email matches it.
        await Store.UpdateMemberAsync(memberships[1].Member with { UserId = bob.Id, Name = bob.Name }, Ct);
        Assert.Contains(await Store.MembershipsOfAsync(bob with { Email = Person("bob").Email }, Ct), m => m.Workspace.Id == invited.Id);
        Assert.DoesNotContain(await Store.MembershipsOfAsync(new SeptUser("impostor", "Eve", bob.Email), Ct), m => m.Workspace.Id == invited.Id);

        await Store.RemoveMemberAsync(invited.Id, bob.Email, Ct);
        Assert.Equal([own.Id], (await Store.MembershipsOfAsync(bob, Ct)).Select(m => m.Workspace.Id));
    }

    [Fact]
    public async Task Deleting_a_workspace_deletes_its_members_and_frees_its_slug()
    {
        var ada = Person("ada");
        var workspace = await NewWorkspaceAsync("Gone", ada);
        Assert.True(await Store.DeleteWorkspaceAsync(workspace.Id, Ct));
        Assert.Null(await Store.GetWorkspaceAsync(workspace.Id, Ct));
        Assert.Empty(await Store.ListMembersAsync(workspace.Id, Ct));
        Assert.DoesNotContain(await Store.MembershipsOfAsync(ada, Ct), m => m.Workspace.Id == workspace.Id);
        Assert.False(await Store.DeleteWorkspaceAsync(workspace.Id, Ct));
        Assert.IsType<SaveOutcome<WorkspaceRecord>.Saved>(await Store.CreateWorkspaceAsync(
            new WorkspaceRecord(WorkspaceIds.New(), workspace.Slug, "Again", 1, Now), Admin(ada, ""), Ct));
    }

    // Unique people per test, so tests sharing one database (Cosmos) do not see each other's memberships.
    private static SeptUser Person(string name)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        return new SeptUser($"u-{name}-{unique}", name, $"{name}-{unique}@example.test");
    }

    private async Task<WorkspaceRecord> NewWorkspaceAsync(string name, SeptUser admin)
    {
        var id = WorkspaceIds.New();
        return Assert.IsType<SaveOutcome<WorkspaceRecord>.Saved>(await Store.CreateWorkspaceAsync(
            new WorkspaceRecord(id, $"{name.ToLowerInvariant()}-{id[..8]}", name, 0, Now), Admin(admin, id), Ct)).Value;
    }

    private static MemberRecord Admin(SeptUser user, string workspaceId) => WorkspaceAccess.AdminEntry(user, workspaceId, Now);
}
