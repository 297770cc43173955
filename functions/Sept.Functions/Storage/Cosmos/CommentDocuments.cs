using System.Text.Json.Serialization;
using Sept.Functions.Comments;
using Sept.Functions.Identity;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Cosmos;

// Comment documents of the "notebook" container, in their project's partition: "thread:<threadId>" (the thread and
// its resolution) and "comment:<commentId>" (one per comment, with its thread and cell id for single-partition queries).

internal sealed record ThreadDocument(
    string Id, string ProjectId, string Type, string ThreadId, string CellId, DateTimeOffset CreatedAt,
    SeptUser? ResolvedBy, DateTimeOffset? ResolvedAt, [property: JsonPropertyName("_etag")] string? ETag = null)
{
    public const string TypeName = "commentThread";

    public static string IdOf(string threadId) => $"thread:{threadId}";

    public static ThreadDocument Of(ThreadRecord t) => new(
        IdOf(t.Id), t.ProjectId.ToString(), TypeName, t.Id, t.CellId.ToString(), t.CreatedAt, t.Resolution?.By, t.Resolution?.At);

    public ThreadRecord ToRecord() => new(
        Notebooks.Cells.ProjectId.Parse(ProjectId), ThreadId, Notebooks.Cells.CellId.Parse(CellId), CreatedAt,
        ResolvedBy is not null && ResolvedAt is { } at ? new ThreadResolution(ResolvedBy, at) : null);
}

internal sealed record CommentDocument(
    string Id, string ProjectId, string Type, string CommentId, string ThreadId, string CellId, SeptUser Author, string Body,
    IReadOnlyList<CommentMention> Mentions, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, long Version,
    [property: JsonPropertyName("_etag")] string? ETag = null)
{
    public const string TypeName = "comment";

    public static string IdOf(string commentId) => $"comment:{commentId}";

    public static CommentDocument Of(CommentRecord c) => new(
        IdOf(c.Id), c.ProjectId.ToString(), TypeName, c.Id, c.ThreadId, c.CellId.ToString(), c.Author, c.Body, c.Mentions,
        c.CreatedAt, c.EditedAt, c.Version);

    public CommentRecord ToRecord() => new(
        Notebooks.Cells.ProjectId.Parse(ProjectId), CommentId, ThreadId, Notebooks.Cells.CellId.Parse(CellId), Author, Body, Mentions,
        CreatedAt, EditedAt, Version);
}
