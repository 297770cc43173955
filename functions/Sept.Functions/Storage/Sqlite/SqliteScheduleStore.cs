using Sept.Functions.Schedules;
using Sept.Notebooks.Cells;
using static Sept.Functions.Storage.Sqlite.SqliteRows;

namespace Sept.Functions.Storage.Sqlite;

/// <summary><see cref="IScheduleStore"/> on the notebook database (migration 6): the record as JSON in "body", with
/// the columns the due query and the version guard need beside it.</summary>
public sealed class SqliteScheduleStore(SqliteDatabase database) : IScheduleStore
{
    public const string Migration = """
        CREATE TABLE schedules (
            project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE, id TEXT NOT NULL, version INTEGER NOT NULL,
            enabled INTEGER NOT NULL, next_run_at TEXT NULL, created_at TEXT NOT NULL, body TEXT NOT NULL,
            PRIMARY KEY (project_id, id));
        CREATE INDEX schedules_due ON schedules (enabled, next_run_at);
        CREATE TABLE schedule_runs (
            seq INTEGER PRIMARY KEY AUTOINCREMENT, project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
            schedule_id TEXT NOT NULL, id TEXT NOT NULL, body TEXT NOT NULL);
        CREATE INDEX schedule_runs_schedule ON schedule_runs (project_id, schedule_id, seq);
        """;

    public async Task<IReadOnlyList<ScheduleRecord>> ListAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        await database.QueryAsync("SELECT body FROM schedules WHERE project_id = $project ORDER BY created_at, id",
            c => c.Parameters.AddWithValue("$project", projectId.ToString()), r => ScheduleJson.Read<ScheduleRecord>(r.GetString(0)), cancellationToken);

    public async Task<ScheduleRecord?> GetAsync(ProjectId projectId, string scheduleId, CancellationToken cancellationToken) =>
        (await database.QueryAsync("SELECT body FROM schedules WHERE project_id = $project AND id = $id",
            c => { c.Parameters.AddWithValue("$project", projectId.ToString()); c.Parameters.AddWithValue("$id", scheduleId); },
            r => ScheduleJson.Read<ScheduleRecord>(r.GetString(0)), cancellationToken)).SingleOrDefault();

    public async Task<SaveOutcome<ScheduleRecord>> CreateAsync(ScheduleRecord schedule, CancellationToken cancellationToken)
    {
        var stored = schedule with { Version = 1 };
        var exists = await database.QueryAsync("SELECT 1 FROM projects WHERE id = $project",
            c => c.Parameters.AddWithValue("$project", schedule.ProjectId.ToString()), _ => true, cancellationToken);
        if (exists.Count == 0) return new SaveOutcome<ScheduleRecord>.NotFound();
        var rows = await database.ExecuteAsync(
            """
            INSERT INTO schedules (project_id, id, version, enabled, next_run_at, created_at, body)
            VALUES ($project, $id, $version, $enabled, $next, $created, $body) ON CONFLICT DO NOTHING
            """,
            c => Bind(c, stored), cancellationToken);
        return rows == 1 ? new SaveOutcome<ScheduleRecord>.Saved(stored) : new SaveOutcome<ScheduleRecord>.Exists();
    }

    public async Task<SaveOutcome<ScheduleRecord>> UpdateAsync(ScheduleRecord schedule, long expectedVersion, CancellationToken cancellationToken)
    {
        var stored = schedule with { Version = expectedVersion + 1 };
        var rows = await database.ExecuteAsync(
            """
            UPDATE schedules SET version = $version, enabled = $enabled, next_run_at = $next, body = $body
            WHERE project_id = $project AND id = $id AND version = $expected
            """,
            c => { Bind(c, stored); c.Parameters.AddWithValue("$expected", expectedVersion); }, cancellationToken);
        if (rows == 1) return new SaveOutcome<ScheduleRecord>.Saved(stored);
        return await GetAsync(schedule.ProjectId, schedule.Id, cancellationToken) is { } current
            ? new SaveOutcome<ScheduleRecord>.Stale(current)
            : new SaveOutcome<ScheduleRecord>.NotFound();
    }

    public async Task<bool> DeleteAsync(ProjectId projectId, string scheduleId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            """
            DELETE FROM schedule_runs WHERE project_id = $project AND schedule_id = $id;
            DELETE FROM schedules WHERE project_id = $project AND id = $id;
            """,
            c => { c.Parameters.AddWithValue("$project", projectId.ToString()); c.Parameters.AddWithValue("$id", scheduleId); },
            cancellationToken) > 0;

    public async Task<IReadOnlyList<ScheduleRecord>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        await database.QueryAsync("SELECT body FROM schedules WHERE enabled = 1 AND next_run_at IS NOT NULL AND next_run_at <= $now ORDER BY next_run_at",
            c => c.Parameters.AddWithValue("$now", Text(now)), r => ScheduleJson.Read<ScheduleRecord>(r.GetString(0)), cancellationToken);

    public async Task AppendRunAsync(ScheduleRunRecord run, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            $"""
            INSERT INTO schedule_runs (project_id, schedule_id, id, body)
            SELECT $project, $schedule, $id, $body WHERE EXISTS (SELECT 1 FROM projects WHERE id = $project);
            DELETE FROM schedule_runs WHERE project_id = $project AND schedule_id = $schedule AND seq NOT IN
                (SELECT seq FROM schedule_runs WHERE project_id = $project AND schedule_id = $schedule ORDER BY seq DESC LIMIT {ScheduleLimits.RunsKept});
            """,
            c =>
            {
                c.Parameters.AddWithValue("$project", run.ProjectId.ToString());
                c.Parameters.AddWithValue("$schedule", run.ScheduleId);
                c.Parameters.AddWithValue("$id", run.Id);
                c.Parameters.AddWithValue("$body", ScheduleJson.Text(run));
            },
            cancellationToken);

    public async Task<IReadOnlyList<ScheduleRunRecord>> ListRunsAsync(ProjectId projectId, string scheduleId, CancellationToken cancellationToken) =>
        await database.QueryAsync("SELECT body FROM schedule_runs WHERE project_id = $project AND schedule_id = $schedule ORDER BY seq DESC",
            c => { c.Parameters.AddWithValue("$project", projectId.ToString()); c.Parameters.AddWithValue("$schedule", scheduleId); },
            r => ScheduleJson.Read<ScheduleRunRecord>(r.GetString(0)), cancellationToken);

    private static void Bind(Microsoft.Data.Sqlite.SqliteCommand c, ScheduleRecord s)
    {
        c.Parameters.AddWithValue("$project", s.ProjectId.ToString());
        c.Parameters.AddWithValue("$id", s.Id);
        c.Parameters.AddWithValue("$version", s.Version);
        c.Parameters.AddWithValue("$enabled", s.Enabled ? 1 : 0);
        c.Parameters.AddWithValue("$next", s.NextRunAt is { } next ? Text(next) : DBNull.Value);
        c.Parameters.AddWithValue("$created", Text(s.CreatedAt));
        c.Parameters.AddWithValue("$body", ScheduleJson.Text(s));
    }
}
