using Microsoft.Data.Sqlite;
using Sept.Functions.Identity;
using Sept.Functions.Workspaces;
using static Sept.Functions.Storage.Sqlite.SqliteRows;

namespace Sept.Functions.Storage.Sqlite;

/// <summary><see cref="IWorkspaceStore"/> on the notebook database (tables of migration 2). The unique slug column
/// and the (workspace, email) key turn duplicates into "Exists".</summary>
public sealed class SqliteWorkspaceStore(SqliteDatabase database, TimeProvider clock) : IWorkspaceStore
{
    private const string WorkspaceColumns = "w.id, w.slug, w.name, w.version, w.created_at";
    private const string MemberColumns = "m.workspace_id, m.email, m.user_id, m.name, m.role, m.added_at";

    public async Task<SaveOutcome<WorkspaceRecord>> CreateWorkspaceAsync(
        WorkspaceRecord workspace, MemberRecord firstMember, CancellationToken cancellationToken)
    {
        var stored = workspace with { Version = 1, CreatedAt = clock.GetUtcNow() };
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO workspaces (id, slug, name, version, created_at) VALUES ($id, $slug, $name, 1, $created) ON CONFLICT DO NOTHING";
            BindWorkspace(insert, stored);
            if (await insert.ExecuteNonQueryAsync(cancellationToken) != 1) return new SaveOutcome<WorkspaceRecord>.Exists();
        }
        await using (var member = connection.CreateCommand())
        {
            member.Transaction = transaction;
            member.CommandText = "INSERT INTO members (workspace_id, email, user_id, name, role, added_at) VALUES ($workspace, $email, $user, $name, $role, $added)";
            BindMember(member, firstMember with { WorkspaceId = stored.Id, AddedAt = clock.GetUtcNow() });
            await member.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome<WorkspaceRecord>.Saved(stored);
    }

    public async Task<WorkspaceRecord?> GetWorkspaceAsync(string workspaceId, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {WorkspaceColumns} FROM workspaces w WHERE w.id = $id",
            c => c.Parameters.AddWithValue("$id", workspaceId), r => ReadWorkspace(r, 0), cancellationToken)).SingleOrDefault();

    public async Task<SaveOutcome<WorkspaceRecord>> UpdateWorkspaceAsync(WorkspaceRecord workspace, long expectedVersion, CancellationToken cancellationToken)
    {
        int rows;
        try
        {
            rows = await database.ExecuteAsync(
                "UPDATE workspaces SET slug = $slug, name = $name, version = $expected + 1 WHERE id = $id AND version = $expected",
                c => { BindWorkspace(c, workspace); c.Parameters.AddWithValue("$expected", expectedVersion); }, cancellationToken);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19) // SQLITE_CONSTRAINT: the slug is taken
        {
            return new SaveOutcome<WorkspaceRecord>.Exists();
        }
        var current = await GetWorkspaceAsync(workspace.Id, cancellationToken);
        return (rows, current) switch
        {
            (_, null) => new SaveOutcome<WorkspaceRecord>.NotFound(),
            (1, _) => new SaveOutcome<WorkspaceRecord>.Saved(current),
            _ => new SaveOutcome<WorkspaceRecord>.Stale(current),
        };
    }

    public async Task<bool> DeleteWorkspaceAsync(string workspaceId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM workspaces WHERE id = $id", c => c.Parameters.AddWithValue("$id", workspaceId), cancellationToken) == 1;

    public async Task<IReadOnlyList<MemberRecord>> ListMembersAsync(string workspaceId, CancellationToken cancellationToken) =>
        await database.QueryAsync($"SELECT {MemberColumns} FROM members m WHERE m.workspace_id = $workspace ORDER BY m.email",
            c => c.Parameters.AddWithValue("$workspace", workspaceId), r => ReadMember(r, 0), cancellationToken);

    public async Task<MemberRecord?> GetMemberAsync(string workspaceId, string email, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {MemberColumns} FROM members m WHERE m.workspace_id = $workspace AND m.email = $email",
            c => { c.Parameters.AddWithValue("$workspace", workspaceId); c.Parameters.AddWithValue("$email", email); },
            r => ReadMember(r, 0), cancellationToken)).SingleOrDefault();

    public async Task<SaveOutcome<MemberRecord>> AddMemberAsync(MemberRecord member, CancellationToken cancellationToken)
    {
        if (await GetWorkspaceAsync(member.WorkspaceId, cancellationToken) is null) return new SaveOutcome<MemberRecord>.NotFound();
        var stored = member with { AddedAt = clock.GetUtcNow() };
        var rows = await database.ExecuteAsync(
            "INSERT INTO members (workspace_id, email, user_id, name, role, added_at) VALUES ($workspace, $email, $user, $name, $role, $added) ON CONFLICT DO NOTHING",
            c => BindMember(c, stored), cancellationToken);
        return rows == 1 ? new SaveOutcome<MemberRecord>.Saved(stored) : new SaveOutcome<MemberRecord>.Exists();
    }

    public async Task<SaveOutcome<MemberRecord>> UpdateMemberAsync(MemberRecord member, CancellationToken cancellationToken)
    {
        await database.ExecuteAsync(
            "UPDATE members SET user_id = $user, name = $name, role = $role WHERE workspace_id = $workspace AND email = $email",
            c => BindMember(c, member), cancellationToken);
        return await GetMemberAsync(member.WorkspaceId, member.Email, cancellationToken) is { } current
            ? new SaveOutcome<MemberRecord>.Saved(current)
            : new SaveOutcome<MemberRecord>.NotFound();
    }

    public async Task<bool> RemoveMemberAsync(string workspaceId, string email, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM members WHERE workspace_id = $workspace AND email = $email",
            c => { c.Parameters.AddWithValue("$workspace", workspaceId); c.Parameters.AddWithValue("$email", email); }, cancellationToken) == 1;

    public async Task<IReadOnlyList<Membership>> MembershipsOfAsync(SeptUser user, CancellationToken cancellationToken) =>
        await database.QueryAsync(
            $"""
            SELECT {MemberColumns}, {WorkspaceColumns} FROM members m JOIN workspaces w ON w.id = m.workspace_id
            WHERE m.user_id = $user OR (m.user_id IS NULL AND m.email = $email) ORDER BY w.created_at, w.id
            """,
            c => { c.Parameters.AddWithValue("$user", user.Id); c.Parameters.AddWithValue("$email", user.Email.ToLowerInvariant()); },
            r => new Membership(ReadWorkspace(r, 6), ReadMember(r, 0)), cancellationToken);

    private static WorkspaceRecord ReadWorkspace(SqliteDataReader r, int at) =>
        new(r.GetString(at), r.GetString(at + 1), r.GetString(at + 2), r.GetInt64(at + 3), Time(r.GetString(at + 4)));

    private static MemberRecord ReadMember(SqliteDataReader r, int at) =>
        new(r.GetString(at), r.GetString(at + 1), r.IsDBNull(at + 2) ? null : r.GetString(at + 2), r.GetString(at + 3),
            Enum.Parse<WorkspaceRole>(r.GetString(at + 4)), Time(r.GetString(at + 5)));

    private static void BindWorkspace(SqliteCommand c, WorkspaceRecord w)
    {
        c.Parameters.AddWithValue("$id", w.Id);
        c.Parameters.AddWithValue("$slug", w.Slug);
        c.Parameters.AddWithValue("$name", w.Name);
        c.Parameters.AddWithValue("$created", Text(w.CreatedAt));
    }

    private static void BindMember(SqliteCommand c, MemberRecord m)
    {
        c.Parameters.AddWithValue("$workspace", m.WorkspaceId);
        c.Parameters.AddWithValue("$email", m.Email);
        c.Parameters.AddWithValue("$user", (object?)m.UserId ?? DBNull.Value);
        c.Parameters.AddWithValue("$name", m.Name);
        c.Parameters.AddWithValue("$role", m.Role.ToString());
        c.Parameters.AddWithValue("$added", Text(m.AddedAt));
    }
}
