using Sept.Functions.Identity;
using Sept.Functions.Presence;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Presence;

/// <summary>What every <see cref="IPresenceStore"/> must do. Derive once per implementation.</summary>
public abstract class PresenceStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly SeptUser Ada = new("u-ada", "Ada", "ada@example.com");
    private static readonly SeptUser Bob = new("u-bob", "Bob", "bob@example.com");

    protected abstract IPresenceStore Store { get; }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task Saved_entries_are_listed_by_user_name_with_their_cell()
    {
        var project = ProjectId.New();
        var cell = CellId.New();
        await Store.SaveAsync(new PresenceEntry(project, "session-bob", Bob, null, Now), Ct);
        await Store.SaveAsync(new PresenceEntry(project, "session-ada", Ada, cell, Now), Ct);
        await Store.SaveAsync(new PresenceEntry(ProjectId.New(), "session-elsewhere", Ada, null, Now), Ct);

        var live = await Store.ListAsync(project, Now.AddSeconds(-30), Ct);
        Assert.Equal(["session-ada", "session-bob"], live.Select(e => e.SessionId));
        Assert.Equal(new PresenceEntry(project, "session-ada", Ada, cell, Now), live[0]);
        Assert.Null(live[1].CellId);
        Assert.Empty(await Store.ListAsync(ProjectId.New(), Now.AddSeconds(-30), Ct));
    }

    [Fact]
    public async Task Saving_a_session_again_replaces_it()
    {
        var project = ProjectId.New();
        var cell = CellId.New();
        await Store.SaveAsync(new PresenceEntry(project, "session-ada", Ada, null, Now), Ct);
        await Store.SaveAsync(new PresenceEntry(project, "session-ada", Ada, cell, Now.AddSeconds(10)), Ct);
        var entry = Assert.Single(await Store.ListAsync(project, Now, Ct));
        Assert.Equal((cell, Now.AddSeconds(10)), (entry.CellId!.Value, entry.LastSeen));
    }

    [Fact]
    public async Task Entries_older_than_the_cutoff_are_not_listed_and_are_removed_by_expiry()
    {
        var project = ProjectId.New();
        await Store.SaveAsync(new PresenceEntry(project, "session-old", Bob, null, Now.AddSeconds(-31)), Ct);
        await Store.SaveAsync(new PresenceEntry(project, "session-new", Ada, null, Now.AddSeconds(-5)), Ct);
        var cutoff = Now.AddSeconds(-30);

        Assert.Equal(["session-new"], (await Store.ListAsync(project, cutoff, Ct)).Select(e => e.SessionId));
        Assert.Equal(["session-old"], (await Store.RemoveExpiredAsync(project, cutoff, Ct)).Select(e => e.SessionId));
        Assert.Empty(await Store.RemoveExpiredAsync(project, cutoff, Ct));
        Assert.Equal(["session-new"], (await Store.ListAsync(project, Now.AddHours(-1), Ct)).Select(e => e.SessionId));
    }

    [Fact]
    public async Task Removing_a_session_reports_whether_it_was_there()
    {
        var project = ProjectId.New();
        await Store.SaveAsync(new PresenceEntry(project, "session-ada", Ada, null, Now), Ct);
        Assert.True(await Store.RemoveAsync(project, "session-ada", Ct));
        Assert.False(await Store.RemoveAsync(project, "session-ada", Ct));
        Assert.Empty(await Store.ListAsync(project, Now.AddHours(-1), Ct));
    }
}
