using System.Net;
using Microsoft.Azure.Cosmos;
using Sept.Functions.Comments;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Cosmos;

/// <summary><see cref="ICommentStore"/> on the "notebook" container: thread and comment documents in the project's
/// partition, so every call is a point operation or a single-partition query, and deleting the project (which clears
/// its partition) deletes them too. A new thread's comment is written before the thread document, and a thread is
/// deleted after its comments: a crash in between leaves a comment no thread lists, never a thread without comments.
/// Edits compare the comment Version and replace with If-Match on the ETag read.</summary>
public sealed class CosmosCommentStore(Container container) : ICommentStore
{
    private const int MaxAttempts = 20;

    private readonly CosmosItems _items = new(container);

    public async Task<IReadOnlyList<CommentThread>> ListThreadsAsync(ProjectId projectId, CellId? cellId, CancellationToken cancellationToken)
    {
        var threads = await QueryAsync<ThreadDocument>(projectId, ThreadDocument.TypeName, cellId, cancellationToken);
        var comments = (await QueryAsync<CommentDocument>(projectId, CommentDocument.TypeName, cellId, cancellationToken)).ToLookup(c => c.ThreadId);
        return [.. threads.OrderBy(t => t.CreatedAt).ThenBy(t => t.ThreadId, StringComparer.Ordinal)
            .Select(t => new CommentThread(t.ToRecord(), Oldest(comments[t.ThreadId])))];
    }

    public async Task<CommentThread?> GetThreadAsync(ProjectId projectId, string threadId, CancellationToken cancellationToken)
    {
        if (await ReadThreadAsync(projectId, threadId, cancellationToken) is not { } thread) return null;
        var comments = await _items.QueryAsync<CommentDocument>(projectId.ToString(),
            new QueryDefinition("SELECT * FROM c WHERE c.projectId = @partition AND c.type = @type AND c.threadId = @thread")
                .WithParameter("@type", CommentDocument.TypeName).WithParameter("@thread", threadId),
            cancellationToken);
        return new CommentThread(thread.ToRecord(), Oldest(comments));
    }

    public async Task<CommentRecord?> GetCommentAsync(ProjectId projectId, string commentId, CancellationToken cancellationToken) =>
        (await ReadCommentAsync(projectId, commentId, cancellationToken))?.ToRecord();

    public async Task<SaveOutcome<CommentThread>> StartThreadAsync(ThreadRecord thread, CommentRecord first, CancellationToken cancellationToken)
    {
        var partition = thread.ProjectId.ToString();
        if (await _items.ReadAsync<DocumentId>(partition, ProjectDocument.DocumentId, cancellationToken) is null)
            return new SaveOutcome<CommentThread>.NotFound();
        if (await ReadThreadAsync(thread.ProjectId, thread.Id, cancellationToken) is not null) return new SaveOutcome<CommentThread>.Exists();
        var stored = first with { ThreadId = thread.Id, Version = 1 };
        if (await _items.CreateAsync(partition, CommentDocument.Of(stored), cancellationToken) == HttpStatusCode.Conflict)
            return new SaveOutcome<CommentThread>.Exists();
        if (await _items.CreateAsync(partition, ThreadDocument.Of(thread), cancellationToken) == HttpStatusCode.Conflict)
        {
            await _items.DeleteAsync(partition, CommentDocument.IdOf(stored.Id), cancellationToken);
            return new SaveOutcome<CommentThread>.Exists();
        }
        return new SaveOutcome<CommentThread>.Saved(new CommentThread(thread, [stored]));
    }

    public async Task<SaveOutcome<CommentRecord>> AddReplyAsync(CommentRecord comment, CancellationToken cancellationToken)
    {
        if (await ReadThreadAsync(comment.ProjectId, comment.ThreadId, cancellationToken) is null) return new SaveOutcome<CommentRecord>.NotFound();
        var stored = comment with { Version = 1 };
        return await _items.CreateAsync(comment.ProjectId.ToString(), CommentDocument.Of(stored), cancellationToken) == HttpStatusCode.Conflict
            ? new SaveOutcome<CommentRecord>.Exists()
            : new SaveOutcome<CommentRecord>.Saved(stored);
    }

    public async Task<SaveOutcome<CommentRecord>> UpdateCommentAsync(CommentRecord comment, long expectedVersion, CancellationToken cancellationToken)
    {
        if (await ReadCommentAsync(comment.ProjectId, comment.Id, cancellationToken) is not { } current) return new SaveOutcome<CommentRecord>.NotFound();
        if (current.Version != expectedVersion) return new SaveOutcome<CommentRecord>.Stale(current.ToRecord());
        var next = current with { Body = comment.Body, Mentions = comment.Mentions, EditedAt = comment.EditedAt, Version = expectedVersion + 1, ETag = null };
        switch (await _items.ReplaceAsync(comment.ProjectId.ToString(), current.Id, next, current.ETag!, cancellationToken))
        {
            case HttpStatusCode.OK:
                return new SaveOutcome<CommentRecord>.Saved(next.ToRecord());
            case HttpStatusCode.NotFound:
                return new SaveOutcome<CommentRecord>.NotFound();
            default:
                // Someone wrote in between: whatever is stored now is newer than what the caller edited.
                return await GetCommentAsync(comment.ProjectId, comment.Id, cancellationToken) is { } now
                    ? new SaveOutcome<CommentRecord>.Stale(now)
                    : new SaveOutcome<CommentRecord>.NotFound();
        }
    }

    public async Task<ThreadRecord?> ResolveThreadAsync(
        ProjectId projectId, string threadId, ThreadResolution? resolution, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await ReadThreadAsync(projectId, threadId, cancellationToken) is not { } current) return null;
            var next = current with { ResolvedBy = resolution?.By, ResolvedAt = resolution?.At, ETag = null };
            var status = await _items.ReplaceAsync(projectId.ToString(), current.Id, next, current.ETag!, cancellationToken);
            if (status == HttpStatusCode.NotFound) return null;
            if (status == HttpStatusCode.OK) return next.ToRecord();
        }
        throw new CosmosStoreException($"Thread {threadId} of project {projectId} kept changing; gave up after {MaxAttempts} attempts.");
    }

    public Task<bool> DeleteCommentAsync(ProjectId projectId, string commentId, CancellationToken cancellationToken) =>
        _items.DeleteAsync(projectId.ToString(), CommentDocument.IdOf(commentId), cancellationToken);

    public async Task<CommentThread?> DeleteThreadAsync(ProjectId projectId, string threadId, CancellationToken cancellationToken)
    {
        if (await GetThreadAsync(projectId, threadId, cancellationToken) is not { } thread) return null;
        var partition = projectId.ToString();
        foreach (var comment in thread.Comments) await _items.DeleteAsync(partition, CommentDocument.IdOf(comment.Id), cancellationToken);
        return await _items.DeleteAsync(partition, ThreadDocument.IdOf(threadId), cancellationToken) ? thread : null;
    }

    private Task<ThreadDocument?> ReadThreadAsync(ProjectId projectId, string threadId, CancellationToken cancellationToken) =>
        _items.ReadAsync<ThreadDocument>(projectId.ToString(), ThreadDocument.IdOf(threadId), cancellationToken);

    private Task<CommentDocument?> ReadCommentAsync(ProjectId projectId, string commentId, CancellationToken cancellationToken) =>
        _items.ReadAsync<CommentDocument>(projectId.ToString(), CommentDocument.IdOf(commentId), cancellationToken);

    private Task<List<T>> QueryAsync<T>(ProjectId projectId, string type, CellId? cellId, CancellationToken cancellationToken)
    {
        var query = new QueryDefinition(cellId is null
                ? "SELECT * FROM c WHERE c.projectId = @partition AND c.type = @type"
                : "SELECT * FROM c WHERE c.projectId = @partition AND c.type = @type AND c.cellId = @cell")
            .WithParameter("@type", type);
        if (cellId is { } cell) query = query.WithParameter("@cell", cell.ToString());
        return _items.QueryAsync<T>(projectId.ToString(), query, cancellationToken);
    }

    private static List<CommentRecord> Oldest(IEnumerable<CommentDocument> comments) =>
        [.. comments.OrderBy(c => c.CreatedAt).ThenBy(c => c.CommentId, StringComparer.Ordinal).Select(c => c.ToRecord())];
}
