using Sept.Functions.Comments;
using Sept.Functions.Identity;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Storage;

/// <summary>What every <see cref="ICommentStore"/> must do. Derive once per implementation.</summary>
public abstract class CommentStoreContract
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly SeptUser Ada = new("u-ada", "Ada", "ada@example.com");
    private static readonly SeptUser Bob = new("u-bob", "Bob", "bob@example.com");

    protected abstract ICommentStore Store { get; }

    protected abstract IProjectStore Projects { get; }

    private static CancellationToken Ct => CancellationToken.None;

    [Fact]
    public async Task A_started_thread_comes_back_with_its_first_comment()
    {
        var project = await NewProjectAsync();
        var cell = CellId.New();
        var (thread, first) = NewThread(project, cell, Ada, "Why 42?", Now, new CommentMention("bob@example.com", "Bob"));
        var saved = Assert.IsType<SaveOutcome<CommentThread>.Saved>(await Store.StartThreadAsync(thread, first, Ct));
        Assert.Equal(1, saved.Value.Comments.Single().Version);

        var read = (await Store.GetThreadAsync(project, thread.Id, Ct))!;
        Assert.Equal((thread.Id, cell, Now, (ThreadResolution?)null), (read.Thread.Id, read.Thread.CellId, read.Thread.CreatedAt, read.Thread.Resolution));
        var comment = Assert.Single(read.Comments);
        Assert.Equal((first.Id, thread.Id, cell, Ada, "Why 42?", Now, (DateTimeOffset?)null, 1L),
            (comment.Id, comment.ThreadId, comment.CellId, comment.Author, comment.Body, comment.CreatedAt, comment.EditedAt, comment.Version));
        Assert.Equal([new CommentMention("bob@example.com", "Bob")], comment.Mentions);
        Assert.Equal(first.Id, (await Store.GetCommentAsync(project, first.Id, Ct))!.Id);
        Assert.Equal(thread.Id, Assert.Single(await Store.ListThreadsAsync(project, null, Ct)).Thread.Id);
    }

    [Fact]
    public async Task Threads_and_their_comments_list_oldest_first_and_filter_by_cell()
    {
        var project = await NewProjectAsync();
        var (cellA, cellB) = (CellId.New(), CellId.New());
        var (late, lateFirst) = NewThread(project, cellA, Ada, "late", Now.AddMinutes(5));
        var (early, earlyFirst) = NewThread(project, cellB, Bob, "early", Now);
        await Store.StartThreadAsync(late, lateFirst, Ct);
        await Store.StartThreadAsync(early, earlyFirst, Ct);
        var second = Reply(early, Ada, "second", Now.AddMinutes(2));
        var third = Reply(early, Bob, "third", Now.AddMinutes(9));
        await Store.AddReplyAsync(third, Ct);
        await Store.AddReplyAsync(second, Ct);

        var all = await Store.ListThreadsAsync(project, null, Ct);
        Assert.Equal([early.Id, late.Id], all.Select(t => t.Thread.Id));
        Assert.Equal(["early", "second", "third"], all[0].Comments.Select(c => c.Body));
        Assert.Equal(["early", "second", "third"], (await Store.GetThreadAsync(project, early.Id, Ct))!.Comments.Select(c => c.Body));
        var onA = Assert.Single(await Store.ListThreadsAsync(project, cellA, Ct));
        Assert.Equal(late.Id, onA.Thread.Id);
        Assert.Equal(["late"], onA.Comments.Select(c => c.Body));
        Assert.Empty(await Store.ListThreadsAsync(project, CellId.New(), Ct));
        Assert.Empty(await Store.ListThreadsAsync(ProjectId.New(), null, Ct));
    }

    [Fact]
    public async Task A_thread_needs_its_project_and_a_reply_needs_its_thread()
    {
        var (orphan, orphanFirst) = NewThread(ProjectId.New(), CellId.New(), Ada, "x", Now);
        Assert.IsType<SaveOutcome<CommentThread>.NotFound>(await Store.StartThreadAsync(orphan, orphanFirst, Ct));

        var project = await NewProjectAsync();
        var (thread, first) = NewThread(project, CellId.New(), Ada, "x", Now);
        await Store.StartThreadAsync(thread, first, Ct);
        Assert.IsType<SaveOutcome<CommentThread>.Exists>(await Store.StartThreadAsync(thread, first with { Id = CommentIds.New() }, Ct));
        var lost = Reply(thread with { Id = CommentIds.New() }, Bob, "to nowhere", Now);
        Assert.IsType<SaveOutcome<CommentRecord>.NotFound>(await Store.AddReplyAsync(lost, Ct));
        Assert.Null(await Store.GetCommentAsync(project, lost.Id, Ct));
        Assert.Null(await Store.GetThreadAsync(project, lost.ThreadId, Ct));
    }

    [Fact]
    public async Task An_edit_with_a_stale_version_is_refused_with_the_current_comment()
    {
        var project = await NewProjectAsync();
        var (thread, first) = NewThread(project, CellId.New(), Ada, "draft", Now);
        await Store.StartThreadAsync(thread, first, Ct);
        var edited = first with { Body = "final", Mentions = [new CommentMention("bob@example.com", "Bob")], EditedAt = Now.AddMinutes(1) };
        var saved = Assert.IsType<SaveOutcome<CommentRecord>.Saved>(await Store.UpdateCommentAsync(edited, 1, Ct));
        Assert.Equal((2L, "final", (DateTimeOffset?)Now.AddMinutes(1)), (saved.Value.Version, saved.Value.Body, saved.Value.EditedAt));

        var stale = Assert.IsType<SaveOutcome<CommentRecord>.Stale>(await Store.UpdateCommentAsync(first with { Body = "lost" }, 1, Ct));
        Assert.Equal(("final", 2L), (stale.Current.Body, stale.Current.Version));
        var read = (await Store.GetCommentAsync(project, first.Id, Ct))!;
        Assert.Equal(("final", 2L, Now), (read.Body, read.Version, read.CreatedAt));
        Assert.Equal(["bob@example.com"], read.Mentions.Select(m => m.Email));
        Assert.IsType<SaveOutcome<CommentRecord>.NotFound>(await Store.UpdateCommentAsync(first with { Id = CommentIds.New() }, 1, Ct));
    }

    [Fact]
    public async Task A_thread_can_be_resolved_and_reopened()
    {
        var project = await NewProjectAsync();
        var (thread, first) = NewThread(project, CellId.New(), Ada, "done?", Now);
        await Store.StartThreadAsync(thread, first, Ct);
        var resolved = await Store.ResolveThreadAsync(project, thread.Id, new ThreadResolution(Bob, Now.AddHours(1)), Ct);
        Assert.Equal(new ThreadResolution(Bob, Now.AddHours(1)), resolved!.Resolution);
        Assert.Equal(new ThreadResolution(Bob, Now.AddHours(1)), (await Store.GetThreadAsync(project, thread.Id, Ct))!.Thread.Resolution);

        var reopened = await Store.ResolveThreadAsync(project, thread.Id, null, Ct);
        Assert.Null(reopened!.Resolution);
        Assert.Null(Assert.Single(await Store.ListThreadsAsync(project, null, Ct)).Thread.Resolution);
        Assert.Null(await Store.ResolveThreadAsync(project, CommentIds.New(), null, Ct));
    }

    [Fact]
    public async Task Deleting_a_reply_keeps_the_thread_and_deleting_the_thread_takes_every_comment()
    {
        var project = await NewProjectAsync();
        var (thread, first) = NewThread(project, CellId.New(), Ada, "first", Now);
        await Store.StartThreadAsync(thread, first, Ct);
        var reply = Reply(thread, Bob, "reply", Now.AddMinutes(1));
        var kept = Reply(thread, Bob, "kept", Now.AddMinutes(2));
        await Store.AddReplyAsync(reply, Ct);
        await Store.AddReplyAsync(kept, Ct);

        Assert.True(await Store.DeleteCommentAsync(project, reply.Id, Ct));
        Assert.False(await Store.DeleteCommentAsync(project, reply.Id, Ct));
        Assert.Equal(["first", "kept"], (await Store.GetThreadAsync(project, thread.Id, Ct))!.Comments.Select(c => c.Body));

        var deleted = await Store.DeleteThreadAsync(project, thread.Id, Ct);
        Assert.Equal([first.Id, kept.Id], deleted!.Comments.Select(c => c.Id));
        Assert.Null(await Store.GetThreadAsync(project, thread.Id, Ct));
        Assert.Null(await Store.GetCommentAsync(project, kept.Id, Ct));
        Assert.Empty(await Store.ListThreadsAsync(project, null, Ct));
        Assert.Null(await Store.DeleteThreadAsync(project, thread.Id, Ct));
    }

    [Fact]
    public async Task Deleting_the_project_deletes_its_comments()
    {
        var project = await NewProjectAsync();
        var (thread, first) = NewThread(project, CellId.New(), Ada, "bye", Now);
        await Store.StartThreadAsync(thread, first, Ct);
        await Store.AddReplyAsync(Reply(thread, Bob, "reply", Now.AddMinutes(1)), Ct);
        Assert.True(await Projects.DeleteProjectAsync(project, Ct));
        Assert.Empty(await Store.ListThreadsAsync(project, null, Ct));
        Assert.Null(await Store.GetCommentAsync(project, first.Id, Ct));
        Assert.Null(await Store.GetThreadAsync(project, thread.Id, Ct));
    }

    private async Task<ProjectId> NewProjectAsync()
    {
        var saved = await Projects.CreateProjectAsync(new ProjectRecord(ProjectId.New(), "Comments", true, 0, Now, Now, WorkspaceIds.New()), Ct);
        return Assert.IsType<SaveOutcome<ProjectRecord>.Saved>(saved).Value.Id;
    }

    private static (ThreadRecord Thread, CommentRecord First) NewThread(
        ProjectId project, CellId cell, SeptUser author, string body, DateTimeOffset at, params CommentMention[] mentions)
    {
        var thread = new ThreadRecord(project, CommentIds.New(), cell, at, null);
        return (thread, new CommentRecord(project, CommentIds.New(), thread.Id, cell, author, body, mentions, at, null, 1));
    }

    private static CommentRecord Reply(ThreadRecord thread, SeptUser author, string body, DateTimeOffset at) =>
        new(thread.ProjectId, CommentIds.New(), thread.Id, thread.CellId, author, body, [], at, null, 1);
}
