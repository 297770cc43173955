using Sept.Functions.Identity;

namespace Sept.Functions.Comments;

/// <summary>A comment as the API shows it.</summary>
public sealed record CommentDto(
    string Id, string ThreadId, string CellId, SeptUser Author, string Body, IReadOnlyList<CommentMention> Mentions,
    DateTimeOffset CreatedAt, DateTimeOffset? EditedAt)
{
    public static CommentDto From(CommentRecord c) =>
        new(c.Id, c.ThreadId, c.CellId.ToString(), c.Author, c.Body, c.Mentions, c.CreatedAt, c.EditedAt);
}

/// <summary>A thread as the API shows it: comments oldest first.</summary>
public sealed record ThreadDto(
    string Id, string CellId, bool Resolved, SeptUser? ResolvedBy, DateTimeOffset? ResolvedAt, IReadOnlyList<CommentDto> Comments)
{
    public static ThreadDto From(CommentThread t) => new(
        t.Thread.Id, t.Thread.CellId.ToString(), t.Thread.Resolution is not null, t.Thread.Resolution?.By, t.Thread.Resolution?.At,
        [.. t.Comments.Select(CommentDto.From)]);
}

/// <summary>POST body: no <see cref="ThreadId"/> starts a thread on <see cref="CellId"/>.</summary>
public sealed record PostComment(string? CellId, string? Body, string? ThreadId, IReadOnlyList<string>? Mentions);

/// <summary>PATCH body of a comment; <see cref="Mentions"/> null keeps the old ones.</summary>
public sealed record EditComment(string? Body, IReadOnlyList<string>? Mentions);

/// <summary>PATCH body of a thread.</summary>
public sealed record ResolveThread(bool? Resolved);
