using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Sqlite;

/// <summary>Maps rows to records and records to parameters.</summary>
internal static class SqliteRows
{
    public const string ProjectColumns = "id, name, reactive, version, created_at, updated_at, workspace_id, cell_timeout_seconds";
    public const string CellColumns =
        "project_id, id, kind, source, config, order_key, version, revision, state, outputs, execution_count, last_run_ms, updated_at, locked_by, locked_by_name, locked_at, run_id, output_sequence";
    public const string RunColumns = "project_id, cell_id, run_id, reason, status, started_at, duration_ms, source, outputs";

    public static ProjectRecord ReadProject(SqliteDataReader r) => new(
        ProjectId.Parse(r.GetString(0)), r.GetString(1), r.GetInt64(2) != 0, r.GetInt64(3), Time(r.GetString(4)), Time(r.GetString(5)),
        r.GetString(6), r.IsDBNull(7) ? null : r.GetInt32(7));

    public static CellRecord ReadCell(SqliteDataReader r) => new(
        ProjectId.Parse(r.GetString(0)),
        CellId.Parse(r.GetString(1)),
        Enum.Parse<CellKind>(r.GetString(2)),
        r.GetString(3),
        r.IsDBNull(4) ? null : Json(r.GetString(4)),
        OrderKey.TryParse(r.GetString(5), out var key) ? key.Value : OrderKey.First,
        r.GetInt64(6),
        r.GetInt64(7),
        new CellRun(
            Enum.Parse<CellState>(r.GetString(8)),
            Outputs(r.GetString(9)),
            r.GetInt32(10),
            r.IsDBNull(11) ? null : r.GetDouble(11),
            r.IsDBNull(16) ? null : r.GetString(16),
            r.GetInt32(17)),
        Time(r.GetString(12)),
        r.IsDBNull(13) ? null : new CellLock(r.GetString(13), r.GetString(14), Time(r.GetString(15))));

    public static RunRecord ReadRun(SqliteDataReader r) => new(
        ProjectId.Parse(r.GetString(0)), r.GetString(2), CellId.Parse(r.GetString(1)), r.GetString(3), r.GetString(4),
        Time(r.GetString(5)), r.GetDouble(6), r.GetString(7), Outputs(r.GetString(8)));

    public static void BindProject(SqliteCommand c, ProjectRecord p)
    {
        c.Parameters.AddWithValue("$id", p.Id.ToString());
        c.Parameters.AddWithValue("$name", p.Name);
        c.Parameters.AddWithValue("$reactive", p.Reactive ? 1 : 0);
        c.Parameters.AddWithValue("$version", p.Version);
        c.Parameters.AddWithValue("$created", Text(p.CreatedAt));
        c.Parameters.AddWithValue("$updated", Text(p.UpdatedAt));
        c.Parameters.AddWithValue("$workspace", p.WorkspaceId);
        c.Parameters.AddWithValue("$timeout", p.CellTimeoutSeconds is { } seconds ? seconds : DBNull.Value);
    }

    public static void BindCell(SqliteCommand c, CellRecord cell)
    {
        c.Parameters.AddWithValue("$project", cell.ProjectId.ToString());
        c.Parameters.AddWithValue("$id", cell.Id.ToString());
        c.Parameters.AddWithValue("$kind", cell.Kind.ToString());
        c.Parameters.AddWithValue("$source", cell.Source);
        c.Parameters.AddWithValue("$config", cell.Config is { } config ? config.GetRawText() : DBNull.Value);
        c.Parameters.AddWithValue("$order", cell.Order.Value);
        c.Parameters.AddWithValue("$version", cell.Version);
        c.Parameters.AddWithValue("$revision", cell.Revision);
        BindRun(c, cell.Run);
        c.Parameters.AddWithValue("$updated", Text(cell.UpdatedAt));
        BindLock(c, cell.Lock);
    }

    public static void BindLock(SqliteCommand c, CellLock? cellLock)
    {
        c.Parameters.AddWithValue("$lockedBy", cellLock is null ? DBNull.Value : cellLock.UserId);
        c.Parameters.AddWithValue("$lockedByName", cellLock is null ? DBNull.Value : cellLock.Name);
        c.Parameters.AddWithValue("$lockedAt", cellLock is null ? DBNull.Value : Text(cellLock.LockedAt));
    }

    public static void BindRun(SqliteCommand c, CellRun run)
    {
        c.Parameters.AddWithValue("$state", run.State.ToString());
        c.Parameters.AddWithValue("$outputs", Text(run.Outputs));
        c.Parameters.AddWithValue("$count", run.ExecutionCount);
        c.Parameters.AddWithValue("$ms", run.LastRunMs is { } ms ? ms : DBNull.Value);
        c.Parameters.AddWithValue("$runId", run.RunId is { } id ? id : DBNull.Value);
        c.Parameters.AddWithValue("$outputSequence", run.OutputSequence);
    }

    public static void BindHistory(SqliteCommand c, RunRecord run)
    {
        c.Parameters.AddWithValue("$project", run.ProjectId.ToString());
        c.Parameters.AddWithValue("$cell", run.CellId.ToString());
        c.Parameters.AddWithValue("$run", run.RunId);
        c.Parameters.AddWithValue("$reason", run.Reason);
        c.Parameters.AddWithValue("$status", run.Status);
        c.Parameters.AddWithValue("$started", Text(run.StartedAt));
        c.Parameters.AddWithValue("$ms", run.DurationMs);
        c.Parameters.AddWithValue("$source", run.Source);
        c.Parameters.AddWithValue("$outputs", Text(run.Outputs));
    }

    public static string Text(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static string Text(IReadOnlyList<CellOutput> outputs) => JsonSerializer.Serialize(outputs, StoreJson.Options);

    public static DateTimeOffset Time(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static JsonElement Json(string text)
    {
        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    private static IReadOnlyList<CellOutput> Outputs(string text) =>
        JsonSerializer.Deserialize<List<CellOutput>>(text, StoreJson.Options) ?? [];
}
