using System.Text.Json;
using System.Text.Json.Serialization;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Cosmos;

// The documents of the "notebook" container (PK /projectId). Kept apart from the store records so the stored
// shape is explicit: ids "project", "cell:<cellId>", "run:<runId>:<cellId>", and one index entry per project
// (id <projectId>) in the "_index" partition. "_etag" is read back for If-Match and never written.

/// <summary>A project (or its index entry). <see cref="WorkspaceId"/> is absent on documents written before
/// workspaces existed: those belong to the local workspace.</summary>
internal sealed record ProjectDocument(
    string Id, string ProjectId, string Type, string Name, bool Reactive, long Version,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string? WorkspaceId = null, [property: JsonPropertyName("_etag")] string? ETag = null,
    int? CellTimeoutSeconds = null)
{
    public const string DocumentId = "project";

    public static ProjectDocument Of(ProjectRecord p) =>
        new(DocumentId, p.Id.ToString(), "project", p.Name, p.Reactive, p.Version, p.CreatedAt, p.UpdatedAt, p.WorkspaceId,
            CellTimeoutSeconds: p.CellTimeoutSeconds);

    /// <summary>The project's summary in the index partition (same fields, keyed by the project id).</summary>
    public ProjectDocument ToIndexEntry() =>
        this with { Id = ProjectId, ProjectId = CosmosProjectStore.IndexPartition, Type = "projectIndex", ETag = null };

    /// <summary>Works for the project document and for its index entry.</summary>
    public ProjectRecord ToRecord() =>
        new(Notebooks.Cells.ProjectId.Parse(Type == "project" ? ProjectId : Id), Name, Reactive, Version, CreatedAt, UpdatedAt,
            WorkspaceId ?? Workspaces.LocalWorkspace.Id, CellTimeoutSeconds);
}

internal sealed record CellDocument(
    string Id, string ProjectId, string Type, string CellId, string Kind, string Source, JsonElement? Config, string Order,
    long Version, long Revision, CellRunDocument Run, DateTimeOffset UpdatedAt, CellLockDocument? Lock = null,
    [property: JsonPropertyName("_etag")] string? ETag = null)
{
    public static string IdOf(CellId cellId) => $"cell:{cellId}";

    public static CellDocument Of(CellRecord c) => new(
        IdOf(c.Id), c.ProjectId.ToString(), "cell", c.Id.ToString(), c.Kind.ToString(), c.Source, c.Config, c.Order.Value,
        c.Version, c.Revision, CellRunDocument.Of(c.Run), c.UpdatedAt, CellLockDocument.Of(c.Lock));

    public CellRecord ToRecord() => new(
        Notebooks.Cells.ProjectId.Parse(ProjectId), Notebooks.Cells.CellId.Parse(CellId), Enum.Parse<CellKind>(Kind), Source,
        Config is { ValueKind: not JsonValueKind.Null } config ? config : null,
        OrderKey.TryParse(Order, out var key) ? key.Value : OrderKey.First, Version, Revision, Run.ToRun(), UpdatedAt,
        Lock?.ToLock());
}

/// <summary>A cell's lock; absent on unlocked cells (and on documents written before locks existed).</summary>
internal sealed record CellLockDocument(string UserId, string Name, DateTimeOffset LockedAt)
{
    public static CellLockDocument? Of(CellLock? l) => l is null ? null : new(l.UserId, l.Name, l.LockedAt);

    public CellLock ToLock() => new(UserId, Name, LockedAt);
}

internal sealed record CellRunDocument(
    string State, IReadOnlyList<CellOutput> Outputs, int ExecutionCount, double? LastRunMs, string? RunId = null, int OutputSequence = 0)
{
    public static CellRunDocument Of(CellRun r) => new(r.State.ToString(), r.Outputs, r.ExecutionCount, r.LastRunMs, r.RunId, r.OutputSequence);

    public CellRun ToRun() => new(Enum.Parse<CellState>(State), Outputs, ExecutionCount, LastRunMs, RunId, OutputSequence);
}

/// <summary>One finished execution. <see cref="Seq"/> orders a cell's runs (one writer per project: the run consumer).</summary>
internal sealed record RunDocument(
    string Id, string ProjectId, string Type, string RunId, string CellId, long Seq, string Reason, string Status,
    DateTimeOffset StartedAt, double DurationMs, string Source, IReadOnlyList<CellOutput> Outputs)
{
    public static string IdOf(string runId, CellId cellId) => $"run:{runId}:{cellId}";

    public static RunDocument Of(RunRecord r, long seq) => new(
        IdOf(r.RunId, r.CellId), r.ProjectId.ToString(), "run", r.RunId, r.CellId.ToString(), seq, r.Reason, r.Status,
        r.StartedAt, r.DurationMs, r.Source, r.Outputs);

    public RunRecord ToRecord() => new(
        Notebooks.Cells.ProjectId.Parse(ProjectId), RunId, Notebooks.Cells.CellId.Parse(CellId), Reason, Status, StartedAt,
        DurationMs, Source, Outputs);
}

/// <summary>The id and order of a run, for trimming history without reading outputs.</summary>
internal sealed record RunSlot(string Id, long Seq);

/// <summary>Any document, by id only (deleting a partition).</summary>
internal sealed record DocumentId(string Id);
