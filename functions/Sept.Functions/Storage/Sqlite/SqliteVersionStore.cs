using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sept.Functions.History;
using Sept.Functions.Identity;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Sqlite;

/// <summary><see cref="IVersionStore"/> on the "versions" table (migration 4): one row per version, the cells as
/// a JSON array in "snapshot", which listing never reads. Rows go with their project (ON DELETE CASCADE).</summary>
public sealed class SqliteVersionStore(SqliteDatabase database) : IVersionStore
{
    private const string SummaryColumns = "project_id, id, name, kind, author_id, author_name, author_email, created_at, cell_count";

    public async Task<VersionSaveOutcome> SaveAsync(ProjectVersion version, CancellationToken cancellationToken)
    {
        var s = version.Summary;
        // Inserted only while the project exists, so a version never outlives a concurrently deleted project.
        var rows = await database.ExecuteAsync($"""
            INSERT INTO versions ({SummaryColumns}, project_name, reactive, snapshot)
            SELECT $project, $id, $name, $kind, $authorId, $authorName, $authorEmail, $created, $count, $projectName, $reactive, $snapshot
            WHERE EXISTS (SELECT 1 FROM projects WHERE id = $project)
            """, command => Bind(command, version), cancellationToken);
        return rows == 1
            ? new VersionSaveOutcome.Saved(s with { CellCount = version.Snapshot.Cells.Count })
            : new VersionSaveOutcome.ProjectMissing();
    }

    public async Task<IReadOnlyList<VersionSummary>> ListAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        await database.QueryAsync($"SELECT {SummaryColumns} FROM versions WHERE project_id = $project ORDER BY created_at DESC, seq DESC",
            c => c.Parameters.AddWithValue("$project", projectId.ToString()), ReadSummary, cancellationToken);

    public async Task<ProjectVersion?> GetAsync(ProjectId projectId, string versionId, CancellationToken cancellationToken) =>
        (await database.QueryAsync($"SELECT {SummaryColumns}, project_name, reactive, snapshot FROM versions WHERE project_id = $project AND id = $id",
            c => { c.Parameters.AddWithValue("$project", projectId.ToString()); c.Parameters.AddWithValue("$id", versionId); },
            r => new ProjectVersion(ReadSummary(r), new VersionSnapshot(r.GetString(9), r.GetInt64(10) != 0, Cells(r.GetString(11)))),
            cancellationToken)).SingleOrDefault();

    public async Task<int> PruneAsync(ProjectId projectId, int keep, CancellationToken cancellationToken)
    {
        var excess = VersionPruning.Excess([.. await ListAsync(projectId, cancellationToken)], keep);
        foreach (var version in excess)
            await database.ExecuteAsync("DELETE FROM versions WHERE project_id = $project AND id = $id",
                c => { c.Parameters.AddWithValue("$project", projectId.ToString()); c.Parameters.AddWithValue("$id", version.Id); },
                cancellationToken);
        return excess.Count;
    }

    public async Task<DateTimeOffset?> NewestAtAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT max(created_at) FROM versions WHERE project_id = $project",
            c => c.Parameters.AddWithValue("$project", projectId.ToString()),
            r => r.IsDBNull(0) ? (DateTimeOffset?)null : Time(r.GetString(0)), cancellationToken)).SingleOrDefault();

    private static void Bind(SqliteCommand command, ProjectVersion version)
    {
        var s = version.Summary;
        command.Parameters.AddWithValue("$project", s.ProjectId.ToString());
        command.Parameters.AddWithValue("$id", s.Id);
        command.Parameters.AddWithValue("$name", s.Name is { } name ? name : DBNull.Value);
        command.Parameters.AddWithValue("$kind", s.Kind.ToString());
        command.Parameters.AddWithValue("$authorId", s.Author.Id);
        command.Parameters.AddWithValue("$authorName", s.Author.Name);
        command.Parameters.AddWithValue("$authorEmail", s.Author.Email);
        command.Parameters.AddWithValue("$created", SqliteRows.Text(s.CreatedAt));
        command.Parameters.AddWithValue("$count", version.Snapshot.Cells.Count);
        command.Parameters.AddWithValue("$projectName", version.Snapshot.ProjectName);
        command.Parameters.AddWithValue("$reactive", version.Snapshot.Reactive ? 1 : 0);
        command.Parameters.AddWithValue("$snapshot",
            JsonSerializer.Serialize(version.Snapshot.Cells.Select(VersionCellDocument.Of), StoreJson.Options));
    }

    private static VersionSummary ReadSummary(SqliteDataReader r) => new(
        ProjectId.Parse(r.GetString(0)), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), Enum.Parse<VersionKind>(r.GetString(3)),
        new SeptUser(r.GetString(4), r.GetString(5), r.GetString(6)), Time(r.GetString(7)), r.GetInt32(8));

    private static IReadOnlyList<VersionCell> Cells(string json) =>
        [.. (JsonSerializer.Deserialize<List<VersionCellDocument>>(json, StoreJson.Options) ?? []).Select(d => d.ToCell())];

    private static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
