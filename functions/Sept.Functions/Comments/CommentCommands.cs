using Sept.Functions.Hosting;
using Sept.Functions.Identity;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Comments;

/// <summary>Posts, edits, deletes and resolves comments and tells the project's watchers. Authors edit their own
/// comments; authors and admins delete; anyone with access posts, replies and resolves.</summary>
public sealed class CommentCommands(
    ICommentStore store, IProjectStore projects, CommentMentions mentions, IRealtime realtime, TimeProvider clock)
{
    public const int MaxBodyLength = 10_000;

    public async Task<CommandOutcome<IReadOnlyList<ThreadDto>>> ListAsync(ProjectId projectId, string? cellId, CancellationToken cancellationToken)
    {
        CellId? cell = null;
        if (cellId is not null)
        {
            if (RouteIds.Cell(cellId) is not { } id || await projects.GetCellAsync(projectId, id, cancellationToken) is null)
                return CommandOutcome<IReadOnlyList<ThreadDto>>.NotFound($"Cell {cellId} does not exist in project {projectId}.");
            cell = id;
        }
        var threads = await store.ListThreadsAsync(projectId, cell, cancellationToken);
        return new CommandOutcome<IReadOnlyList<ThreadDto>>.Done([.. threads.Select(ThreadDto.From)]);
    }

    /// <summary>Starts a thread on a cell, or replies when <see cref="PostComment.ThreadId"/> is given.</summary>
    public async Task<CommandOutcome<CommentDto>> PostAsync(ProjectId projectId, SeptUser author, PostComment body, CancellationToken cancellationToken)
    {
        if (BodyProblem(body.Body) is { } invalid) return CommandOutcome<CommentDto>.Invalid(invalid);
        var (mentioned, unknown) = await mentions.ResolveAsync(projectId, body.Mentions, cancellationToken);
        if (unknown is not null) return CommandOutcome<CommentDto>.Invalid(unknown);
        var now = clock.GetUtcNow();
        CommentRecord comment;
        if (body.ThreadId is not null)
        {
            if (CommentIds.Parse(body.ThreadId) is not { } threadId || await store.GetThreadAsync(projectId, threadId, cancellationToken) is not { } thread)
                return CommandOutcome<CommentDto>.NotFound($"Thread {body.ThreadId} does not exist in project {projectId}.");
            if (body.CellId is not null && RouteIds.Cell(body.CellId) != thread.Thread.CellId)
                return CommandOutcome<CommentDto>.Invalid($"cellId {body.CellId} is not the cell of thread {threadId}.");
            comment = new CommentRecord(projectId, CommentIds.New(), threadId, thread.Thread.CellId, author, body.Body!, mentioned, now, null, 1);
            if (await store.AddReplyAsync(comment, cancellationToken) is not SaveOutcome<CommentRecord>.Saved)
                return CommandOutcome<CommentDto>.NotFound($"Thread {threadId} was deleted.");
        }
        else
        {
            if (RouteIds.Cell(body.CellId) is not { } cellId || await projects.GetCellAsync(projectId, cellId, cancellationToken) is null)
                return CommandOutcome<CommentDto>.Invalid($"cellId '{body.CellId}' is not a cell of this project.");
            var thread = new ThreadRecord(projectId, CommentIds.New(), cellId, now, null);
            comment = new CommentRecord(projectId, CommentIds.New(), thread.Id, cellId, author, body.Body!, mentioned, now, null, 1);
            if (await store.StartThreadAsync(thread, comment, cancellationToken) is not SaveOutcome<CommentThread>.Saved)
                return CommandOutcome<CommentDto>.NotFound($"Project {projectId} does not exist.");
            // The cell may have been deleted (with its comments) while this thread was stored: do not leave it behind.
            if (await projects.GetCellAsync(projectId, cellId, cancellationToken) is null)
            {
                await store.DeleteThreadAsync(projectId, thread.Id, cancellationToken);
                return CommandOutcome<CommentDto>.Invalid($"cellId '{body.CellId}' is not a cell of this project.");
            }
        }
        var dto = CommentDto.From(comment);
        await realtime.PublishAsync(projectId, new CommentAdded(dto), cancellationToken);
        return new CommandOutcome<CommentDto>.Done(dto);
    }

    /// <summary>The author changes the body (and the mentions, when given).</summary>
    public async Task<CommandOutcome<CommentDto>> EditAsync(
        ProjectId projectId, string commentId, SeptUser caller, EditComment body, CancellationToken cancellationToken)
    {
        if (await FindAsync(projectId, commentId, cancellationToken) is not { } comment)
            return CommandOutcome<CommentDto>.NotFound($"Comment {commentId} does not exist in project {projectId}.");
        if (comment.Author.Id != caller.Id) return CommandOutcome<CommentDto>.Forbidden("Only the author can edit a comment.");
        if (BodyProblem(body.Body) is { } invalid) return CommandOutcome<CommentDto>.Invalid(invalid);
        var mentioned = comment.Mentions;
        if (body.Mentions is not null)
        {
            var (resolved, unknown) = await mentions.ResolveAsync(projectId, body.Mentions, cancellationToken);
            if (unknown is not null) return CommandOutcome<CommentDto>.Invalid(unknown);
            mentioned = resolved;
        }
        var edited = comment with { Body = body.Body!, Mentions = mentioned, EditedAt = clock.GetUtcNow() };
        switch (await store.UpdateCommentAsync(edited, comment.Version, cancellationToken))
        {
            case SaveOutcome<CommentRecord>.Saved saved:
                await PublishThreadAsync(projectId, comment.ThreadId, cancellationToken);
                return new CommandOutcome<CommentDto>.Done(CommentDto.From(saved.Value));
            case SaveOutcome<CommentRecord>.Stale:
                return CommandOutcome<CommentDto>.Conflict($"Comment {commentId} changed while it was edited; read it again and retry.");
            default:
                return CommandOutcome<CommentDto>.NotFound($"Comment {commentId} was deleted.");
        }
    }

    /// <summary>Deletes a comment (its author or an admin); the first comment of a thread takes the thread with it.</summary>
    public async Task<CommandOutcome<bool>> DeleteAsync(
        ProjectId projectId, string commentId, SeptUser caller, WorkspaceRole role, CancellationToken cancellationToken)
    {
        if (await FindAsync(projectId, commentId, cancellationToken) is not { } comment)
            return CommandOutcome<bool>.NotFound($"Comment {commentId} does not exist in project {projectId}.");
        if (comment.Author.Id != caller.Id && role < WorkspaceRole.Admin)
            return CommandOutcome<bool>.Forbidden("Only the author or a workspace admin can delete a comment.");
        var thread = await store.GetThreadAsync(projectId, comment.ThreadId, cancellationToken);
        if (thread?.First?.Id == comment.Id)
            await RemoveThreadAsync(projectId, thread.Thread.Id, cancellationToken);
        else if (await store.DeleteCommentAsync(projectId, comment.Id, cancellationToken))
            await realtime.PublishAsync(projectId, new CommentRemoved(comment.ThreadId, comment.Id), cancellationToken);
        return new CommandOutcome<bool>.Done(true);
    }

    public async Task<CommandOutcome<ThreadDto>> ResolveAsync(
        ProjectId projectId, string threadId, SeptUser caller, ResolveThread body, CancellationToken cancellationToken)
    {
        if (body.Resolved is not { } resolved) return CommandOutcome<ThreadDto>.Invalid("resolved (true or false) is required.");
        if (CommentIds.Parse(threadId) is not { } id || await store.GetThreadAsync(projectId, id, cancellationToken) is not { } thread)
            return CommandOutcome<ThreadDto>.NotFound($"Thread {threadId} does not exist in project {projectId}.");
        // Resolving a resolved thread keeps who resolved it first; nothing changes, nobody is told.
        if (resolved == (thread.Thread.Resolution is not null)) return new CommandOutcome<ThreadDto>.Done(ThreadDto.From(thread));
        var resolution = resolved ? new ThreadResolution(caller, clock.GetUtcNow()) : null;
        if (await store.ResolveThreadAsync(projectId, id, resolution, cancellationToken) is null
            || await PublishThreadAsync(projectId, id, cancellationToken) is not { } now)
            return CommandOutcome<ThreadDto>.NotFound($"Thread {threadId} was deleted.");
        return new CommandOutcome<ThreadDto>.Done(now);
    }

    /// <summary>A deleted cell's threads go with it (<see cref="CellCommentCleanup"/>).</summary>
    public async Task RemoveCellCommentsAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken)
    {
        foreach (var thread in await store.ListThreadsAsync(projectId, cellId, cancellationToken))
            await RemoveThreadAsync(projectId, thread.Thread.Id, cancellationToken);
    }

    private async Task RemoveThreadAsync(ProjectId projectId, string threadId, CancellationToken cancellationToken)
    {
        if (await store.DeleteThreadAsync(projectId, threadId, cancellationToken) is not { } removed) return;
        foreach (var comment in removed.Comments)
            await realtime.PublishAsync(projectId, new CommentRemoved(threadId, comment.Id), cancellationToken);
    }

    private async Task<ThreadDto?> PublishThreadAsync(ProjectId projectId, string threadId, CancellationToken cancellationToken)
    {
        if (await store.GetThreadAsync(projectId, threadId, cancellationToken) is not { } thread) return null;
        var dto = ThreadDto.From(thread);
        await realtime.PublishAsync(projectId, new CommentUpdated(dto), cancellationToken);
        return dto;
    }

    private async Task<CommentRecord?> FindAsync(ProjectId projectId, string commentId, CancellationToken cancellationToken) =>
        CommentIds.Parse(commentId) is { } id ? await store.GetCommentAsync(projectId, id, cancellationToken) : null;

    private static string? BodyProblem(string? body) => body switch
    {
        null or { Length: 0 } => "body is required (1..10000 characters).",
        _ when string.IsNullOrWhiteSpace(body) => "body must contain more than white space.",
        { Length: > MaxBodyLength } => $"body is {body.Length} characters; the limit is {MaxBodyLength}.",
        _ => null,
    };
}
