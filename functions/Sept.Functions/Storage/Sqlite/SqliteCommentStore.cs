using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sept.Functions.Comments;
using Sept.Functions.Identity;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Sqlite;

/// <summary><see cref="ICommentStore"/> on the notebook database (migration 3): tables comment_threads and comments,
/// both deleted with their project; a thread's comments are deleted with it (foreign key cascade).</summary>
public sealed class SqliteCommentStore(SqliteDatabase database) : ICommentStore
{
    private const string ThreadColumns = "project_id, id, cell_id, created_at, resolved_by, resolved_at";
    private const string CommentColumns = "project_id, id, thread_id, cell_id, author, body, mentions, created_at, edited_at, version";

    public async Task<IReadOnlyList<CommentThread>> ListThreadsAsync(ProjectId projectId, CellId? cellId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var filter = cellId is null ? "" : " AND cell_id = $cell";
        Action<SqliteCommand> bind = c =>
        {
            c.Parameters.AddWithValue("$project", projectId.ToString());
            if (cellId is { } cell) c.Parameters.AddWithValue("$cell", cell.ToString());
        };
        var threads = await QueryAsync(connection,
            $"SELECT {ThreadColumns} FROM comment_threads WHERE project_id = $project{filter} ORDER BY created_at, id", bind, ReadThread, cancellationToken);
        var comments = await QueryAsync(connection,
            $"SELECT {CommentColumns} FROM comments WHERE project_id = $project{filter} ORDER BY created_at, id", bind, ReadComment, cancellationToken);
        var byThread = comments.ToLookup(c => c.ThreadId);
        return [.. threads.Select(t => new CommentThread(t, [.. byThread[t.Id]]))];
    }

    public async Task<CommentThread?> GetThreadAsync(ProjectId projectId, string threadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ReadThreadAsync(connection, projectId, threadId, cancellationToken);
    }

    public async Task<CommentRecord?> GetCommentAsync(ProjectId projectId, string commentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return (await QueryAsync(connection, $"SELECT {CommentColumns} FROM comments WHERE project_id = $project AND id = $id",
            c => BindKey(c, projectId, commentId), ReadComment, cancellationToken)).SingleOrDefault();
    }

    public async Task<SaveOutcome<CommentThread>> StartThreadAsync(ThreadRecord thread, CommentRecord first, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var project = await QueryAsync(connection, "SELECT 1 FROM projects WHERE id = $project",
            c => { c.Transaction = transaction; c.Parameters.AddWithValue("$project", thread.ProjectId.ToString()); }, r => r.GetInt64(0), cancellationToken);
        if (project.Count == 0) return new SaveOutcome<CommentThread>.NotFound();
        var rows = await ExecuteAsync(connection,
            $"INSERT INTO comment_threads ({ThreadColumns}) VALUES ($project, $id, $cell, $created, $by, $at) ON CONFLICT DO NOTHING",
            c => { c.Transaction = transaction; BindThread(c, thread); }, cancellationToken);
        if (rows == 0) return new SaveOutcome<CommentThread>.Exists();
        var stored = first with { ThreadId = thread.Id, Version = 1 };
        await ExecuteAsync(connection, $"INSERT INTO comments ({CommentColumns}) VALUES ({CommentValues})",
            c => { c.Transaction = transaction; BindComment(c, stored); }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome<CommentThread>.Saved(new CommentThread(thread, [stored]));
    }

    public async Task<SaveOutcome<CommentRecord>> AddReplyAsync(CommentRecord comment, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = comment with { Version = 1 };
        var rows = await ExecuteAsync(connection,
            $"""
            INSERT INTO comments ({CommentColumns}) SELECT {CommentValues}
            WHERE EXISTS (SELECT 1 FROM comment_threads WHERE project_id = $project AND id = $thread) ON CONFLICT DO NOTHING
            """,
            c => BindComment(c, stored), cancellationToken);
        if (rows == 1) return new SaveOutcome<CommentRecord>.Saved(stored);
        return await ReadThreadAsync(connection, comment.ProjectId, comment.ThreadId, cancellationToken) is null
            ? new SaveOutcome<CommentRecord>.NotFound()
            : new SaveOutcome<CommentRecord>.Exists();
    }

    public async Task<SaveOutcome<CommentRecord>> UpdateCommentAsync(CommentRecord comment, long expectedVersion, CancellationToken cancellationToken)
    {
        var rows = 0;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            rows = await ExecuteAsync(connection,
                """
                UPDATE comments SET body = $body, mentions = $mentions, edited_at = $edited, version = $expected + 1
                WHERE project_id = $project AND id = $id AND version = $expected
                """,
                c => { BindComment(c, comment); c.Parameters.AddWithValue("$expected", expectedVersion); }, cancellationToken);
        }
        return (rows, await GetCommentAsync(comment.ProjectId, comment.Id, cancellationToken)) switch
        {
            (_, null) => new SaveOutcome<CommentRecord>.NotFound(),
            (1, var current) => new SaveOutcome<CommentRecord>.Saved(current),
            (_, var current) => new SaveOutcome<CommentRecord>.Stale(current),
        };
    }

    public async Task<ThreadRecord?> ResolveThreadAsync(
        ProjectId projectId, string threadId, ThreadResolution? resolution, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await ExecuteAsync(connection,
            "UPDATE comment_threads SET resolved_by = $by, resolved_at = $at WHERE project_id = $project AND id = $id",
            c => { BindKey(c, projectId, threadId); BindResolution(c, resolution); }, cancellationToken);
        return rows == 0 ? null : (await ReadThreadAsync(connection, projectId, threadId, cancellationToken))?.Thread;
    }

    public async Task<bool> DeleteCommentAsync(ProjectId projectId, string commentId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await ExecuteAsync(connection, "DELETE FROM comments WHERE project_id = $project AND id = $id",
            c => BindKey(c, projectId, commentId), cancellationToken) == 1;
    }

    public async Task<CommentThread?> DeleteThreadAsync(ProjectId projectId, string threadId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        if (await ReadThreadAsync(connection, projectId, threadId, cancellationToken) is not { } thread) return null;
        var rows = await ExecuteAsync(connection, "DELETE FROM comment_threads WHERE project_id = $project AND id = $id",
            c => BindKey(c, projectId, threadId), cancellationToken);
        return rows == 1 ? thread : null;
    }

    private const string CommentValues = "$project, $id, $thread, $cell, $author, $body, $mentions, $created, $edited, $version";

    private static async Task<CommentThread?> ReadThreadAsync(
        SqliteConnection connection, ProjectId projectId, string threadId, CancellationToken cancellationToken)
    {
        var thread = (await QueryAsync(connection, $"SELECT {ThreadColumns} FROM comment_threads WHERE project_id = $project AND id = $id",
            c => BindKey(c, projectId, threadId), ReadThread, cancellationToken)).SingleOrDefault();
        if (thread is null) return null;
        var comments = await QueryAsync(connection,
            $"SELECT {CommentColumns} FROM comments WHERE project_id = $project AND thread_id = $id ORDER BY created_at, id",
            c => BindKey(c, projectId, threadId), ReadComment, cancellationToken);
        return new CommentThread(thread, comments);
    }

    private static ThreadRecord ReadThread(SqliteDataReader r) => new(
        ProjectId.Parse(r.GetString(0)), r.GetString(1), CellId.Parse(r.GetString(2)), Time(r.GetString(3)),
        r.IsDBNull(4) ? null : new ThreadResolution(Json<SeptUser>(r.GetString(4)), Time(r.GetString(5))));

    private static CommentRecord ReadComment(SqliteDataReader r) => new(
        ProjectId.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), CellId.Parse(r.GetString(3)), Json<SeptUser>(r.GetString(4)),
        r.GetString(5), Json<List<CommentMention>>(r.GetString(6)), Time(r.GetString(7)), r.IsDBNull(8) ? null : Time(r.GetString(8)),
        r.GetInt64(9));

    private static void BindKey(SqliteCommand c, ProjectId projectId, string id)
    {
        c.Parameters.AddWithValue("$project", projectId.ToString());
        c.Parameters.AddWithValue("$id", id);
    }

    private static void BindThread(SqliteCommand c, ThreadRecord t)
    {
        BindKey(c, t.ProjectId, t.Id);
        c.Parameters.AddWithValue("$cell", t.CellId.ToString());
        c.Parameters.AddWithValue("$created", SqliteRows.Text(t.CreatedAt));
        BindResolution(c, t.Resolution);
    }

    private static void BindResolution(SqliteCommand c, ThreadResolution? resolution)
    {
        c.Parameters.AddWithValue("$by", resolution is null ? DBNull.Value : JsonSerializer.Serialize(resolution.By, StoreJson.Options));
        c.Parameters.AddWithValue("$at", resolution is null ? DBNull.Value : SqliteRows.Text(resolution.At));
    }

    private static void BindComment(SqliteCommand c, CommentRecord comment)
    {
        BindKey(c, comment.ProjectId, comment.Id);
        c.Parameters.AddWithValue("$thread", comment.ThreadId);
        c.Parameters.AddWithValue("$cell", comment.CellId.ToString());
        c.Parameters.AddWithValue("$author", JsonSerializer.Serialize(comment.Author, StoreJson.Options));
        c.Parameters.AddWithValue("$body", comment.Body);
        c.Parameters.AddWithValue("$mentions", JsonSerializer.Serialize(comment.Mentions, StoreJson.Options));
        c.Parameters.AddWithValue("$created", SqliteRows.Text(comment.CreatedAt));
        c.Parameters.AddWithValue("$edited", comment.EditedAt is { } edited ? SqliteRows.Text(edited) : DBNull.Value);
        c.Parameters.AddWithValue("$version", comment.Version);
    }

    private static T Json<T>(string text) => JsonSerializer.Deserialize<T>(text, StoreJson.Options)!;

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static async Task<int> ExecuteAsync(SqliteConnection connection, string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, bind);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<List<T>> QueryAsync<T>(
        SqliteConnection connection, string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, bind);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        return rows;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, Action<SqliteCommand> bind)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        return command;
    }
}
