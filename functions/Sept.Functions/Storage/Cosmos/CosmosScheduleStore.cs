using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using Sept.Functions.Schedules;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Cosmos;

/// <summary><see cref="IScheduleStore"/> in the "notebook" container. Schedules live in partition "_schedules" (id
/// "&lt;projectId&gt;:&lt;scheduleId&gt;"), so the due query is one single-partition query over every project; their runs
/// live in the project's partition ("schedulerun:&lt;scheduleId&gt;:&lt;runId&gt;") and go when the project is deleted.
/// Writes of a schedule replace with If-Match on the ETag read for the expected Version.</summary>
public sealed class CosmosScheduleStore(Container container) : IScheduleStore
{
    public const string Partition = "_schedules";

    private readonly CosmosItems _items = new(container);

    public async Task<IReadOnlyList<ScheduleRecord>> ListAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        [.. (await _items.QueryAsync<ScheduleDocument>(Partition,
                new QueryDefinition("SELECT * FROM c WHERE c.projectId = @partition AND c.type = 'schedule' AND c.project = @project")
                    .WithParameter("@project", projectId.ToString()), cancellationToken))
            .Select(d => d.ToRecord()).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id, StringComparer.Ordinal)];

    public async Task<ScheduleRecord?> GetAsync(ProjectId projectId, string scheduleId, CancellationToken cancellationToken) =>
        (await _items.ReadAsync<ScheduleDocument>(Partition, ScheduleDocument.IdOf(projectId, scheduleId), cancellationToken))?.ToRecord();

    public async Task<SaveOutcome<ScheduleRecord>> CreateAsync(ScheduleRecord schedule, CancellationToken cancellationToken)
    {
        if (await _items.ReadAsync<ProjectDocument>(schedule.ProjectId.ToString(), ProjectDocument.DocumentId, cancellationToken) is null)
            return new SaveOutcome<ScheduleRecord>.NotFound();
        var stored = schedule with { Version = 1 };
        return await _items.CreateAsync(Partition, ScheduleDocument.Of(stored), cancellationToken) == HttpStatusCode.Conflict
            ? new SaveOutcome<ScheduleRecord>.Exists()
            : new SaveOutcome<ScheduleRecord>.Saved(stored);
    }

    public async Task<SaveOutcome<ScheduleRecord>> UpdateAsync(ScheduleRecord schedule, long expectedVersion, CancellationToken cancellationToken)
    {
        var id = ScheduleDocument.IdOf(schedule.ProjectId, schedule.Id);
        if (await _items.ReadAsync<ScheduleDocument>(Partition, id, cancellationToken) is not { } current)
            return new SaveOutcome<ScheduleRecord>.NotFound();
        if (current.Version != expectedVersion) return new SaveOutcome<ScheduleRecord>.Stale(current.ToRecord());
        var stored = schedule with { Version = expectedVersion + 1 };
        return await _items.ReplaceAsync(Partition, id, ScheduleDocument.Of(stored), current.ETag!, cancellationToken) switch
        {
            HttpStatusCode.NotFound => new SaveOutcome<ScheduleRecord>.NotFound(),
            HttpStatusCode.PreconditionFailed => await GetAsync(schedule.ProjectId, schedule.Id, cancellationToken) is { } now
                ? new SaveOutcome<ScheduleRecord>.Stale(now) : new SaveOutcome<ScheduleRecord>.NotFound(),
            _ => new SaveOutcome<ScheduleRecord>.Saved(stored),
        };
    }

    public async Task<bool> DeleteAsync(ProjectId projectId, string scheduleId, CancellationToken cancellationToken)
    {
        var partition = projectId.ToString();
        foreach (var run in await RunSlotsAsync(partition, scheduleId, cancellationToken)) await _items.DeleteAsync(partition, run.Id, cancellationToken);
        return await _items.DeleteAsync(Partition, ScheduleDocument.IdOf(projectId, scheduleId), cancellationToken);
    }

    /// <summary>Reads the schedules partition and filters here: it is small, and ISO times compare as instants.</summary>
    public async Task<IReadOnlyList<ScheduleRecord>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        [.. (await _items.QueryAsync<ScheduleDocument>(Partition,
                new QueryDefinition("SELECT * FROM c WHERE c.projectId = @partition AND c.type = 'schedule' AND c.enabled = true"), cancellationToken))
            .Select(d => d.ToRecord()).Where(s => s.NextRunAt is { } next && next <= now).OrderBy(s => s.NextRunAt)];

    public async Task AppendRunAsync(ScheduleRunRecord run, CancellationToken cancellationToken)
    {
        var partition = run.ProjectId.ToString();
        if (await _items.ReadAsync<ProjectDocument>(partition, ProjectDocument.DocumentId, cancellationToken) is null) return;
        await _items.UpsertAsync(partition, ScheduleRunDocument.Of(run), cancellationToken);
        foreach (var old in (await RunSlotsAsync(partition, run.ScheduleId, cancellationToken))
                     .OrderByDescending(s => s.StartedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).Skip(ScheduleLimits.RunsKept))
            await _items.DeleteAsync(partition, old.Id, cancellationToken);
    }

    public async Task<IReadOnlyList<ScheduleRunRecord>> ListRunsAsync(ProjectId projectId, string scheduleId, CancellationToken cancellationToken) =>
        [.. (await _items.QueryAsync<ScheduleRunDocument>(projectId.ToString(),
                new QueryDefinition("SELECT * FROM c WHERE c.projectId = @partition AND c.type = 'schedulerun' AND c.scheduleId = @schedule")
                    .WithParameter("@schedule", scheduleId), cancellationToken))
            .OrderByDescending(d => d.StartedAt).ThenByDescending(d => d.Id, StringComparer.Ordinal).Select(d => ScheduleJson.Read<ScheduleRunRecord>(d.Body))];

    private Task<List<ScheduleRunSlot>> RunSlotsAsync(string partition, string scheduleId, CancellationToken cancellationToken) =>
        _items.QueryAsync<ScheduleRunSlot>(partition,
            new QueryDefinition("SELECT c.id, c.startedAt FROM c WHERE c.projectId = @partition AND c.type = 'schedulerun' AND c.scheduleId = @schedule")
                .WithParameter("@schedule", scheduleId), cancellationToken);
}

/// <summary>A schedule in partition "_schedules"; <see cref="Body"/> is the record, the other fields what queries read.</summary>
internal sealed record ScheduleDocument(
    string Id, string ProjectId, string Type, string Project, bool Enabled, long Version, JsonElement Body,
    [property: JsonPropertyName("_etag")] string? ETag = null)
{
    public static string IdOf(Notebooks.Cells.ProjectId projectId, string scheduleId) => $"{projectId}:{scheduleId}";

    public static ScheduleDocument Of(ScheduleRecord s) =>
        new(IdOf(s.ProjectId, s.Id), CosmosScheduleStore.Partition, "schedule", s.ProjectId.ToString(), s.Enabled, s.Version, ScheduleJson.Element(s));

    public ScheduleRecord ToRecord() => ScheduleJson.Read<ScheduleRecord>(Body) with { Version = Version };
}

/// <summary>One scheduled run in its project's partition.</summary>
internal sealed record ScheduleRunDocument(string Id, string ProjectId, string Type, string ScheduleId, DateTimeOffset StartedAt, JsonElement Body)
{
    public static ScheduleRunDocument Of(ScheduleRunRecord r) =>
        new($"schedulerun:{r.ScheduleId}:{r.Id}", r.ProjectId.ToString(), "schedulerun", r.ScheduleId, r.StartedAt, ScheduleJson.Element(r));
}

internal sealed record ScheduleRunSlot(string Id, DateTimeOffset StartedAt);
