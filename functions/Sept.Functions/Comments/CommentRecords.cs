using Sept.Functions.Identity;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Comments;

/// <summary>A discussion on one cell. <see cref="Resolution"/> is set while the thread is resolved.</summary>
public sealed record ThreadRecord(ProjectId ProjectId, string Id, CellId CellId, DateTimeOffset CreatedAt, ThreadResolution? Resolution);

/// <summary>Who resolved a thread, and when.</summary>
public sealed record ThreadResolution(SeptUser By, DateTimeOffset At);

/// <summary>One comment of a thread. <see cref="Version"/> counts edits and guards them (ETag in Cosmos).</summary>
public sealed record CommentRecord(
    ProjectId ProjectId,
    string Id,
    string ThreadId,
    CellId CellId,
    SeptUser Author,
    string Body,
    IReadOnlyList<CommentMention> Mentions,
    DateTimeOffset CreatedAt,
    DateTimeOffset? EditedAt,
    long Version);

/// <summary>A workspace member named in a comment (name as it was when mentioned).</summary>
public sealed record CommentMention(string Email, string Name);

/// <summary>A thread with its comments, oldest first.</summary>
public sealed record CommentThread(ThreadRecord Thread, IReadOnlyList<CommentRecord> Comments)
{
    /// <summary>The comment that opened the thread; deleting it deletes the thread.</summary>
    public CommentRecord? First => Comments.Count > 0 ? Comments[0] : null;
}

/// <summary>Comment ids: 32 hex digits, like the other ids of the API.</summary>
public static class CommentIds
{
    public static string New() => Guid.NewGuid().ToString("N");

    /// <summary>The id in canonical form, or null when it is not one.</summary>
    public static string? Parse(string? text) => Guid.TryParseExact(text, "N", out var id) ? id.ToString("N") : null;
}
