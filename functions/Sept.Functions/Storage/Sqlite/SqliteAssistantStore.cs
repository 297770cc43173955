using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sept.Functions.Assistant;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Sqlite;

/// <summary><see cref="IAssistantStore"/> on the notebook database (migration 10): assistant_messages and
/// assistant_proposals, deleted with their project. A proposal's body is JSON; its status is a column so deciding is
/// one conditional UPDATE.</summary>
public sealed class SqliteAssistantStore(SqliteDatabase database) : IAssistantStore
{
    public const string Migration = """
        CREATE TABLE assistant_messages (
            project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, user_id TEXT NOT NULL, id TEXT NOT NULL,
            role TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (project_id, id));
        CREATE INDEX assistant_messages_user ON assistant_messages (project_id, user_id, created_at);
        CREATE TABLE assistant_proposals (
            project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, user_id TEXT NOT NULL, id TEXT NOT NULL,
            message_id TEXT NOT NULL, status TEXT NOT NULL, body TEXT NOT NULL, created_at TEXT NOT NULL,
            PRIMARY KEY (project_id, id));
        CREATE INDEX assistant_proposals_user ON assistant_proposals (project_id, user_id);
        """;

    public async Task<IReadOnlyList<AssistantTurn>> ListAsync(ProjectId projectId, string userId, CancellationToken cancellationToken)
    {
        var messages = await database.QueryAsync(
            "SELECT id, role, text, created_at FROM assistant_messages WHERE project_id = $project AND user_id = $user ORDER BY created_at, id",
            c => Bind(c, projectId, userId),
            r => new AssistantMessage(projectId, userId, r.GetString(0), r.GetString(1), r.GetString(2), Time(r.GetString(3))),
            cancellationToken);
        var proposals = (await database.QueryAsync(
            "SELECT body, status FROM assistant_proposals WHERE project_id = $project AND user_id = $user ORDER BY created_at, id",
            c => Bind(c, projectId, userId), ReadProposal, cancellationToken)).ToLookup(p => p.MessageId);
        return [.. messages.Select(m => new AssistantTurn(m, [.. proposals[m.Id]]))];
    }

    public Task AddMessageAsync(AssistantMessage message, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "INSERT INTO assistant_messages (project_id, user_id, id, role, text, created_at) VALUES ($project, $user, $id, $role, $text, $created)",
            c =>
            {
                Bind(c, message.ProjectId, message.UserId);
                c.Parameters.AddWithValue("$id", message.Id);
                c.Parameters.AddWithValue("$role", message.Role);
                c.Parameters.AddWithValue("$text", message.Text);
                c.Parameters.AddWithValue("$created", message.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            }, cancellationToken);

    public Task AddProposalAsync(AssistantProposal proposal, CancellationToken cancellationToken) =>
        database.ExecuteAsync(
            "INSERT INTO assistant_proposals (project_id, user_id, id, message_id, status, body, created_at) VALUES ($project, $user, $id, $message, $status, $body, $created)",
            c =>
            {
                Bind(c, proposal.ProjectId, proposal.UserId);
                c.Parameters.AddWithValue("$id", proposal.Id);
                c.Parameters.AddWithValue("$message", proposal.MessageId);
                c.Parameters.AddWithValue("$status", proposal.Status);
                c.Parameters.AddWithValue("$body", JsonSerializer.Serialize(proposal, AssistantJson.Options));
                c.Parameters.AddWithValue("$created", proposal.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            }, cancellationToken);

    public async Task<AssistantProposal?> GetProposalAsync(ProjectId projectId, string userId, string proposalId, CancellationToken cancellationToken) =>
        (await database.QueryAsync(
            "SELECT body, status FROM assistant_proposals WHERE project_id = $project AND user_id = $user AND id = $id",
            c => { Bind(c, projectId, userId); c.Parameters.AddWithValue("$id", proposalId); }, ReadProposal, cancellationToken)).SingleOrDefault();

    public async Task<AssistantProposal?> DecideAsync(
        ProjectId projectId, string userId, string proposalId, string status, CancellationToken cancellationToken)
    {
        var rows = await database.ExecuteAsync(
            "UPDATE assistant_proposals SET status = $status WHERE project_id = $project AND user_id = $user AND id = $id AND status = $pending",
            c =>
            {
                Bind(c, projectId, userId);
                c.Parameters.AddWithValue("$id", proposalId);
                c.Parameters.AddWithValue("$status", status);
                c.Parameters.AddWithValue("$pending", AssistantProposal.Pending);
            }, cancellationToken);
        return rows == 1 ? await GetProposalAsync(projectId, userId, proposalId, cancellationToken) : null;
    }

    public async Task ClearAsync(ProjectId projectId, string userId, CancellationToken cancellationToken)
    {
        await database.ExecuteAsync("DELETE FROM assistant_proposals WHERE project_id = $project AND user_id = $user",
            c => Bind(c, projectId, userId), cancellationToken);
        await database.ExecuteAsync("DELETE FROM assistant_messages WHERE project_id = $project AND user_id = $user",
            c => Bind(c, projectId, userId), cancellationToken);
    }

    private static void Bind(SqliteCommand c, ProjectId projectId, string userId)
    {
        c.Parameters.AddWithValue("$project", projectId.ToString());
        c.Parameters.AddWithValue("$user", userId);
    }

    private static AssistantProposal ReadProposal(SqliteDataReader r) =>
        JsonSerializer.Deserialize<AssistantProposal>(r.GetString(0), AssistantJson.Options)! with { Status = r.GetString(1) };

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
