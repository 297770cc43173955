using Microsoft.Data.Sqlite;
using Sept.Notebooks.Cells;
using static Sept.Functions.Storage.Sqlite.SqliteRows;

namespace Sept.Functions.Storage.Sqlite;

/// <summary><see cref="IProjectStore"/> on one SQLite file (WAL). Guarded writes are
/// "UPDATE ... WHERE version = expected"; zero rows means stale or missing.</summary>
public sealed class SqliteProjectStore(SqliteDatabase database, TimeProvider clock) : IProjectStore
{
    public async Task<IReadOnlyList<ProjectRecord>> ListProjectsAsync(CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {ProjectColumns} FROM projects ORDER BY created_at, id", _ => { }, ReadProject, cancellationToken);

    public async Task<IReadOnlyList<ProjectRecord>> ListWorkspaceProjectsAsync(string workspaceId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {ProjectColumns} FROM projects WHERE workspace_id = $workspace ORDER BY created_at, id",
            c => c.Parameters.AddWithValue("$workspace", workspaceId), ReadProject, cancellationToken);

    public async Task<ProjectRecord?> GetProjectAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {ProjectColumns} FROM projects WHERE id = $id",
            c => c.Parameters.AddWithValue("$id", projectId.ToString()), ReadProject, cancellationToken)).SingleOrDefault();

    public async Task<SaveOutcome<ProjectRecord>> CreateProjectAsync(ProjectRecord project, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stored = project with { Version = 1, CreatedAt = now, UpdatedAt = now };
        var rows = await ExecuteAsync(
            $"INSERT INTO projects ({ProjectColumns}) VALUES ($id, $name, $reactive, $version, $created, $updated, $workspace, $timeout) ON CONFLICT DO NOTHING",
            c => BindProject(c, stored), cancellationToken);
        return rows == 1 ? new SaveOutcome<ProjectRecord>.Saved(stored) : new SaveOutcome<ProjectRecord>.Exists();
    }

    public async Task<SaveOutcome<ProjectRecord>> UpdateProjectAsync(ProjectRecord project, long expectedVersion, CancellationToken cancellationToken)
    {
        var stored = project with { Version = expectedVersion + 1, UpdatedAt = clock.GetUtcNow() };
        var rows = await ExecuteAsync(
            "UPDATE projects SET name = $name, reactive = $reactive, cell_timeout_seconds = $timeout, version = $version, updated_at = $updated WHERE id = $id AND version = $expected",
            c => { BindProject(c, stored); c.Parameters.AddWithValue("$expected", expectedVersion); }, cancellationToken);
        if (rows == 1) return new SaveOutcome<ProjectRecord>.Saved(await GetProjectAsync(project.Id, cancellationToken) ?? stored);
        return await GetProjectAsync(project.Id, cancellationToken) is { } current
            ? new SaveOutcome<ProjectRecord>.Stale(current)
            : new SaveOutcome<ProjectRecord>.NotFound();
    }

    public async Task<bool> DeleteProjectAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM projects WHERE id = $id",
            c => c.Parameters.AddWithValue("$id", projectId.ToString()), cancellationToken) == 1;

    public async Task<IReadOnlyList<CellRecord>> ListCellsAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {CellColumns} FROM cells WHERE project_id = $project ORDER BY order_key, id",
            c => c.Parameters.AddWithValue("$project", projectId.ToString()), ReadCell, cancellationToken);

    public async Task<CellRecord?> GetCellAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {CellColumns} FROM cells WHERE project_id = $project AND id = $id",
            c => { c.Parameters.AddWithValue("$project", projectId.ToString()); c.Parameters.AddWithValue("$id", cellId.ToString()); },
            ReadCell, cancellationToken)).SingleOrDefault();

    public async Task<SaveOutcome<CellRecord>> AddCellAsync(CellRecord cell, CancellationToken cancellationToken)
    {
        if (await GetProjectAsync(cell.ProjectId, cancellationToken) is null) return new SaveOutcome<CellRecord>.NotFound();
        var stored = cell with { Version = 1, Revision = 1, UpdatedAt = clock.GetUtcNow() };
        var rows = await ExecuteAsync(
            $"""
            INSERT INTO cells ({CellColumns}) VALUES ($project, $id, $kind, $source, $config, $order, $version, $revision,
                $state, $outputs, $count, $ms, $updated, $lockedBy, $lockedByName, $lockedAt, $runId, $outputSequence) ON CONFLICT DO NOTHING
            """,
            c => BindCell(c, stored), cancellationToken);
        return rows == 1 ? new SaveOutcome<CellRecord>.Saved(stored) : new SaveOutcome<CellRecord>.Exists();
    }

    public async Task<SaveOutcome<CellRecord>> UpdateCellAsync(CellRecord cell, long expectedVersion, CancellationToken cancellationToken)
    {
        var rows = await ExecuteAsync(
            """
            UPDATE cells SET kind = $kind, source = $source, config = $config, order_key = $order, version = $expected + 1,
                revision = revision + 1, updated_at = $updated
            WHERE project_id = $project AND id = $id AND version = $expected
            """,
            c => { BindCell(c, cell with { UpdatedAt = clock.GetUtcNow() }); c.Parameters.AddWithValue("$expected", expectedVersion); },
            cancellationToken);
        var current = await GetCellAsync(cell.ProjectId, cell.Id, cancellationToken);
        return (rows, current) switch
        {
            (_, null) => new SaveOutcome<CellRecord>.NotFound(),
            (1, _) => new SaveOutcome<CellRecord>.Saved(current),
            _ => new SaveOutcome<CellRecord>.Stale(current),
        };
    }

    public async Task<SaveOutcome<CellRecord>> SetLockAsync(
        ProjectId projectId, CellId cellId, CellLock? next, string? expectedHolderId, CancellationToken cancellationToken)
    {
        var rows = await ExecuteAsync(
            """
            UPDATE cells SET locked_by = $lockedBy, locked_by_name = $lockedByName, locked_at = $lockedAt,
                version = version + 1, revision = revision + 1, updated_at = $updated
            WHERE project_id = $project AND id = $id AND locked_by IS $expected
            """,
            c =>
            {
                BindLock(c, next);
                c.Parameters.AddWithValue("$project", projectId.ToString());
                c.Parameters.AddWithValue("$id", cellId.ToString());
                c.Parameters.AddWithValue("$expected", expectedHolderId is null ? DBNull.Value : expectedHolderId);
                c.Parameters.AddWithValue("$updated", Text(clock.GetUtcNow()));
            },
            cancellationToken);
        var current = await GetCellAsync(projectId, cellId, cancellationToken);
        return (rows, current) switch
        {
            (_, null) => new SaveOutcome<CellRecord>.NotFound(),
            (1, _) => new SaveOutcome<CellRecord>.Saved(current),
            _ => new SaveOutcome<CellRecord>.Stale(current),
        };
    }

    public async Task<CellRecord?> SaveRunStateAsync(ProjectId projectId, CellId cellId, CellRun run, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            """
            UPDATE cells SET state = $state, outputs = $outputs, execution_count = $count, last_run_ms = $ms,
                run_id = $runId, output_sequence = $outputSequence, revision = revision + 1, updated_at = $updated
            WHERE project_id = $project AND id = $id
            """,
            c =>
            {
                BindRun(c, run);
                c.Parameters.AddWithValue("$project", projectId.ToString());
                c.Parameters.AddWithValue("$id", cellId.ToString());
                c.Parameters.AddWithValue("$updated", Text(clock.GetUtcNow()));
            },
            cancellationToken);
        return await GetCellAsync(projectId, cellId, cancellationToken);
    }

    public async Task<IReadOnlyList<CellRecord>> SetStatesAsync(
        ProjectId projectId, IReadOnlyCollection<CellId> cellIds, CellState state, CancellationToken cancellationToken)
    {
        var changed = new List<CellRecord>();
        foreach (var cellId in cellIds)
        {
            var rows = await ExecuteAsync(
                """
                UPDATE cells SET state = $state, revision = revision + 1, updated_at = $updated
                WHERE project_id = $project AND id = $id AND state <> $state
                """,
                c =>
                {
                    c.Parameters.AddWithValue("$state", state.ToString());
                    c.Parameters.AddWithValue("$project", projectId.ToString());
                    c.Parameters.AddWithValue("$id", cellId.ToString());
                    c.Parameters.AddWithValue("$updated", Text(clock.GetUtcNow()));
                },
                cancellationToken);
            if (rows == 1 && await GetCellAsync(projectId, cellId, cancellationToken) is { } cell) changed.Add(cell);
        }
        return changed;
    }

    public async Task<bool> DeleteCellAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken) =>
        await ExecuteAsync("DELETE FROM cells WHERE project_id = $project AND id = $id",
            c => { c.Parameters.AddWithValue("$project", projectId.ToString()); c.Parameters.AddWithValue("$id", cellId.ToString()); },
            cancellationToken) == 1;

    public async Task AppendRunAsync(RunRecord run, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            $"""
            INSERT INTO runs ({RunColumns}) VALUES ($project, $cell, $run, $reason, $status, $started, $ms, $source, $outputs);
            DELETE FROM runs WHERE project_id = $project AND cell_id = $cell AND seq NOT IN
                (SELECT seq FROM runs WHERE project_id = $project AND cell_id = $cell ORDER BY seq DESC LIMIT {RunHistory.Depth});
            """,
            c => BindHistory(c, run), cancellationToken);

    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken) =>
        await QueryAsync($"SELECT {RunColumns} FROM runs WHERE project_id = $project AND cell_id = $cell ORDER BY seq DESC",
            c => { c.Parameters.AddWithValue("$project", projectId.ToString()); c.Parameters.AddWithValue("$cell", cellId.ToString()); },
            ReadRun, cancellationToken);

    private Task<int> ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        database.ExecuteAsync(sql, bind, cancellationToken);

    private Task<List<T>> QueryAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken) =>
        database.QueryAsync(sql, bind, read, cancellationToken);
}
