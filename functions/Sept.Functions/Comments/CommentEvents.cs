using Sept.Functions.Realtime;

namespace Sept.Functions.Comments;

/// <summary>A comment was posted (a new thread or a reply).</summary>
public sealed record CommentAdded(CommentDto Comment) : RealtimeEvent
{
    public override string Target => "commentAdded";
}

/// <summary>A comment was edited or its thread resolved/reopened: the whole thread as it is now.</summary>
public sealed record CommentUpdated(ThreadDto Thread) : RealtimeEvent
{
    public override string Target => "commentUpdated";
}

/// <summary>A comment is gone. When a thread goes (its first comment deleted, or its cell), one event per comment.</summary>
public sealed record CommentRemoved(string ThreadId, string CommentId) : RealtimeEvent
{
    public override string Target => "commentRemoved";
}
