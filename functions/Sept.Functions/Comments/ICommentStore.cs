using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Comments;

/// <summary>Comment threads of a project. Every call stays inside one project (one Cosmos partition, PK /projectId).
/// Comments of a thread and threads of a project come back oldest first (ties by id).</summary>
public interface ICommentStore
{
    /// <summary>The project's threads with their comments, optionally only those on one cell.</summary>
    Task<IReadOnlyList<CommentThread>> ListThreadsAsync(ProjectId projectId, CellId? cellId, CancellationToken cancellationToken);

    Task<CommentThread?> GetThreadAsync(ProjectId projectId, string threadId, CancellationToken cancellationToken);

    Task<CommentRecord?> GetCommentAsync(ProjectId projectId, string commentId, CancellationToken cancellationToken);

    /// <summary>Stores a new thread with its first comment (Version 1). Exists when the thread id is taken; NotFound when
    /// the project does not exist.</summary>
    Task<SaveOutcome<CommentThread>> StartThreadAsync(ThreadRecord thread, CommentRecord first, CancellationToken cancellationToken);

    /// <summary>Stores a reply (Version 1). NotFound when its thread does not exist.</summary>
    Task<SaveOutcome<CommentRecord>> AddReplyAsync(CommentRecord comment, CancellationToken cancellationToken);

    /// <summary>Replaces body, mentions and EditedAt when the stored Version equals <paramref name="expectedVersion"/>;
    /// bumps Version.</summary>
    Task<SaveOutcome<CommentRecord>> UpdateCommentAsync(CommentRecord comment, long expectedVersion, CancellationToken cancellationToken);

    /// <summary>Sets or clears the resolution. Null when the thread does not exist.</summary>
    Task<ThreadRecord?> ResolveThreadAsync(ProjectId projectId, string threadId, ThreadResolution? resolution, CancellationToken cancellationToken);

    /// <summary>Deletes one reply. False when it did not exist. (The first comment goes with its thread.)</summary>
    Task<bool> DeleteCommentAsync(ProjectId projectId, string commentId, CancellationToken cancellationToken);

    /// <summary>Deletes a thread with all its comments; returns what was deleted (null when it did not exist).</summary>
    Task<CommentThread?> DeleteThreadAsync(ProjectId projectId, string threadId, CancellationToken cancellationToken);
}
