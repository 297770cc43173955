using System.Net;
using Microsoft.Azure.Cosmos;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Cosmos;

/// <summary><see cref="IProjectStore"/> on the Cosmos DB container "notebook" (PK /projectId).
/// <para>Layout: each project is one logical partition holding one document per project ("project"), per cell
/// ("cell:&lt;id&gt;") and per run of a cell ("run:&lt;runId&gt;:&lt;cellId&gt;"), so every per-project call is a point
/// operation or a single-partition query. Listing projects would need a cross-partition query, so the store keeps
/// a small index instead: partition "_index" holds one summary document per project (id = projectId), written
/// after the project document on create and rename and deleted after it on delete. A crash between the two
/// writes leaves the index one step behind; the next rename or delete repairs it.</para>
/// <para>Concurrency: guarded writes compare the record Version and replace with If-Match on the ETag read;
/// a 412 means someone wrote in between, so the store reads again and either retries (the change still applies)
/// or answers Stale with what is stored now.</para></summary>
public sealed class CosmosProjectStore(Container container, TimeProvider clock) : IProjectStore
{
    /// <summary>The partition of the project index.</summary>
    public const string IndexPartition = "_index";

    private const int MaxAttempts = 20;

    private readonly CosmosItems _items = new(container);

    public async Task<IReadOnlyList<ProjectRecord>> ListProjectsAsync(CancellationToken cancellationToken)
    {
        var entries = await _items.QueryAsync<ProjectDocument>(IndexPartition,
            new QueryDefinition("SELECT * FROM c WHERE c.projectId = @partition AND c.type = 'projectIndex'"), cancellationToken);
        return [.. entries.Select(e => e.ToRecord()).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id.ToString(), StringComparer.Ordinal)];
    }

    /// <summary>Reads the whole index and filters: it is one small partition, and old entries have no workspaceId.</summary>
    public async Task<IReadOnlyList<ProjectRecord>> ListWorkspaceProjectsAsync(string workspaceId, CancellationToken cancellationToken) =>
        [.. (await ListProjectsAsync(cancellationToken)).Where(p => p.WorkspaceId == workspaceId)];

    public async Task<ProjectRecord?> GetProjectAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        (await ReadProjectAsync(projectId, cancellationToken))?.ToRecord();

    public async Task<SaveOutcome<ProjectRecord>> CreateProjectAsync(ProjectRecord project, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stored = project with { Version = 1, CreatedAt = now, UpdatedAt = now };
        var document = ProjectDocument.Of(stored);
        if (await _items.CreateAsync(document.ProjectId, document, cancellationToken) == HttpStatusCode.Conflict)
            return new SaveOutcome<ProjectRecord>.Exists();
        await _items.UpsertAsync(IndexPartition, document.ToIndexEntry(), cancellationToken);
        return new SaveOutcome<ProjectRecord>.Saved(stored);
    }

    public async Task<SaveOutcome<ProjectRecord>> UpdateProjectAsync(ProjectRecord project, long expectedVersion, CancellationToken cancellationToken)
    {
        var (current, written) = await ChangeAsync<ProjectDocument>(project.Id.ToString(), ProjectDocument.DocumentId, d => d.ETag,
            d => d.Version != expectedVersion ? null
                : d with { Name = project.Name, Reactive = project.Reactive, CellTimeoutSeconds = project.CellTimeoutSeconds, Version = expectedVersion + 1, UpdatedAt = clock.GetUtcNow(), ETag = null },
            cancellationToken);
        if (current is null) return new SaveOutcome<ProjectRecord>.NotFound();
        if (!written) return new SaveOutcome<ProjectRecord>.Stale(current.ToRecord());
        await _items.UpsertAsync(IndexPartition, current.ToIndexEntry(), cancellationToken);
        return new SaveOutcome<ProjectRecord>.Saved(current.ToRecord());
    }

    public async Task<bool> DeleteProjectAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        var partition = projectId.ToString();
        var existed = await ReadProjectAsync(projectId, cancellationToken) is not null;
        // Children first and the project document last, so a retry after a crash finds the project and finishes.
        var documents = await _items.QueryAsync<DocumentId>(partition,
            new QueryDefinition("SELECT c.id FROM c WHERE c.projectId = @partition AND c.id != @project").WithParameter("@project", ProjectDocument.DocumentId),
            cancellationToken);
        foreach (var document in documents) await _items.DeleteAsync(partition, document.Id, cancellationToken);
        await _items.DeleteAsync(partition, ProjectDocument.DocumentId, cancellationToken);
        await _items.DeleteAsync(IndexPartition, partition, cancellationToken);
        return existed;
    }

    public async Task<IReadOnlyList<CellRecord>> ListCellsAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        var cells = await _items.QueryAsync<CellDocument>(projectId.ToString(),
            new QueryDefinition("SELECT * FROM c WHERE c.projectId = @partition AND c.type = 'cell'"), cancellationToken);
        return [.. cells.OrderBy(c => c.Order, StringComparer.Ordinal).ThenBy(c => c.CellId, StringComparer.Ordinal).Select(c => c.ToRecord())];
    }

    public async Task<CellRecord?> GetCellAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken) =>
        (await _items.ReadAsync<CellDocument>(projectId.ToString(), CellDocument.IdOf(cellId), cancellationToken))?.ToRecord();

    public async Task<SaveOutcome<CellRecord>> AddCellAsync(CellRecord cell, CancellationToken cancellationToken)
    {
        if (await ReadProjectAsync(cell.ProjectId, cancellationToken) is null) return new SaveOutcome<CellRecord>.NotFound();
        var stored = cell with { Version = 1, Revision = 1, UpdatedAt = clock.GetUtcNow() };
        return await _items.CreateAsync(cell.ProjectId.ToString(), CellDocument.Of(stored), cancellationToken) == HttpStatusCode.Conflict
            ? new SaveOutcome<CellRecord>.Exists()
            : new SaveOutcome<CellRecord>.Saved(stored);
    }

    public async Task<SaveOutcome<CellRecord>> UpdateCellAsync(CellRecord cell, long expectedVersion, CancellationToken cancellationToken)
    {
        var (current, written) = await ChangeCellAsync(cell.ProjectId, cell.Id,
            d => d.Version != expectedVersion ? null : d with
            {
                Kind = cell.Kind.ToString(), Source = cell.Source, Config = cell.Config, Order = cell.Order.Value,
                Version = expectedVersion + 1, Revision = d.Revision + 1, UpdatedAt = clock.GetUtcNow(),
            },
            cancellationToken);
        if (current is null) return new SaveOutcome<CellRecord>.NotFound();
        return written ? new SaveOutcome<CellRecord>.Saved(current.ToRecord()) : new SaveOutcome<CellRecord>.Stale(current.ToRecord());
    }

    public async Task<SaveOutcome<CellRecord>> SetLockAsync(
        ProjectId projectId, CellId cellId, CellLock? next, string? expectedHolderId, CancellationToken cancellationToken)
    {
        var (current, written) = await ChangeCellAsync(projectId, cellId,
            d => d.Lock?.UserId != expectedHolderId ? null : d with
            {
                Lock = CellLockDocument.Of(next), Version = d.Version + 1, Revision = d.Revision + 1, UpdatedAt = clock.GetUtcNow(),
            },
            cancellationToken);
        if (current is null) return new SaveOutcome<CellRecord>.NotFound();
        return written ? new SaveOutcome<CellRecord>.Saved(current.ToRecord()) : new SaveOutcome<CellRecord>.Stale(current.ToRecord());
    }

    public async Task<CellRecord?> SaveRunStateAsync(ProjectId projectId, CellId cellId, CellRun run, CancellationToken cancellationToken) =>
        (await ChangeCellAsync(projectId, cellId,
            d => d with { Run = CellRunDocument.Of(run), Revision = d.Revision + 1, UpdatedAt = clock.GetUtcNow() },
            cancellationToken)).Current?.ToRecord();

    public async Task<IReadOnlyList<CellRecord>> SetStatesAsync(
        ProjectId projectId, IReadOnlyCollection<CellId> cellIds, CellState state, CancellationToken cancellationToken)
    {
        var changed = new List<CellRecord>();
        foreach (var cellId in cellIds)
        {
            var (current, written) = await ChangeCellAsync(projectId, cellId,
                d => d.Run.State == state.ToString() ? null
                    : d with { Run = d.Run with { State = state.ToString() }, Revision = d.Revision + 1, UpdatedAt = clock.GetUtcNow() },
                cancellationToken);
            if (written) changed.Add(current!.ToRecord());
        }
        return changed;
    }

    public Task<bool> DeleteCellAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken) =>
        _items.DeleteAsync(projectId.ToString(), CellDocument.IdOf(cellId), cancellationToken);

    /// <summary>Creates the run document if absent (a redelivered run appends nothing twice), then deletes the
    /// cell's runs beyond the newest <see cref="RunHistory.Depth"/>, found with a single-partition query.</summary>
    public async Task AppendRunAsync(RunRecord run, CancellationToken cancellationToken)
    {
        var partition = run.ProjectId.ToString();
        var slots = await RunSlotsAsync(partition, run.CellId, cancellationToken);
        var id = RunDocument.IdOf(run.RunId, run.CellId);
        if (slots.Any(s => s.Id == id)) return;
        var seq = slots.Count == 0 ? 1 : slots.Max(s => s.Seq) + 1;
        if (await _items.CreateAsync(partition, RunDocument.Of(run, seq), cancellationToken) == HttpStatusCode.Conflict) return;
        foreach (var old in slots.OrderByDescending(s => s.Seq).Skip(RunHistory.Depth - 1))
            await _items.DeleteAsync(partition, old.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<RunRecord>> ListRunsAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken)
    {
        var runs = await _items.QueryAsync<RunDocument>(projectId.ToString(),
            new QueryDefinition("SELECT * FROM c WHERE c.projectId = @partition AND c.type = 'run' AND c.cellId = @cell").WithParameter("@cell", cellId.ToString()),
            cancellationToken);
        return [.. runs.OrderByDescending(r => r.Seq).Select(r => r.ToRecord())];
    }

    private Task<ProjectDocument?> ReadProjectAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        _items.ReadAsync<ProjectDocument>(projectId.ToString(), ProjectDocument.DocumentId, cancellationToken);

    private Task<List<RunSlot>> RunSlotsAsync(string partition, CellId cellId, CancellationToken cancellationToken) =>
        _items.QueryAsync<RunSlot>(partition,
            new QueryDefinition("SELECT c.id, c.seq FROM c WHERE c.projectId = @partition AND c.type = 'run' AND c.cellId = @cell").WithParameter("@cell", cellId.ToString()),
            cancellationToken);

    private Task<(CellDocument? Current, bool Written)> ChangeCellAsync(
        ProjectId projectId, CellId cellId, Func<CellDocument, CellDocument?> change, CancellationToken cancellationToken) =>
        ChangeAsync<CellDocument>(projectId.ToString(), CellDocument.IdOf(cellId), d => d.ETag, d => change(d) is { } next ? next with { ETag = null } : null,
            cancellationToken);

    /// <summary>Read, change, replace with If-Match; on 412 read again and retry. <paramref name="change"/> returns
    /// null to leave the document as it is. Current is null when the document does not exist.</summary>
    private async Task<(T? Current, bool Written)> ChangeAsync<T>(
        string partition, string id, Func<T, string?> etagOf, Func<T, T?> change, CancellationToken cancellationToken) where T : class
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await _items.ReadAsync<T>(partition, id, cancellationToken) is not { } current) return (null, false);
            if (change(current) is not { } next) return (current, false);
            var status = await _items.ReplaceAsync(partition, id, next, etagOf(current)!, cancellationToken);
            if (status == HttpStatusCode.NotFound) return (null, false);
            if (status == HttpStatusCode.OK) return (next, true);
        }
        throw new CosmosStoreException($"Document {id} of partition {partition} kept changing; gave up after {MaxAttempts} attempts.");
    }
}
