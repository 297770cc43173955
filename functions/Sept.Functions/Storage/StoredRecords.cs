using System.Text.Json;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage;

/// <summary>A project as stored. Version counts changes to name and mode (optimistic concurrency).
/// <see cref="WorkspaceId"/> is fixed at creation.</summary>
/// <param name="CellTimeoutSeconds">The project's cell time limit: null for the host's default (Sept:CellTimeout), 0 for none.</param>
public sealed record ProjectRecord(
    ProjectId Id, string Name, bool Reactive, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string WorkspaceId,
    int? CellTimeoutSeconds = null);

/// <summary>A cell as stored (one document per cell in Cosmos). <see cref="Version"/> counts content changes
/// (source, config, order) and guards edits; <see cref="Revision"/> counts every change including run state,
/// so realtime clients can drop events older than what they hold. Locking or unlocking bumps both, so an edit based
/// on the version before a lock is refused as stale.</summary>
public sealed record CellRecord(
    ProjectId ProjectId,
    CellId Id,
    CellKind Kind,
    string Source,
    JsonElement? Config,
    OrderKey Order,
    long Version,
    long Revision,
    CellRun Run,
    DateTimeOffset UpdatedAt,
    CellLock? Lock = null);

/// <summary>Who holds a cell's lock: while set, only <see cref="UserId"/> may change the cell (admins may unlock it).</summary>
public sealed record CellLock(string UserId, string Name, DateTimeOffset LockedAt);

/// <summary>What the last run left on a cell. While the cell runs, <see cref="Outputs"/> holds what it printed so far:
/// <see cref="RunId"/> names that run and <see cref="OutputSequence"/> counts the streamed output events the outputs
/// already hold, so a reader that joins mid-run skips the events it has (Runs/RunningOutputs.cs).</summary>
public sealed record CellRun(
    CellState State, IReadOnlyList<CellOutput> Outputs, int ExecutionCount, double? LastRunMs, string? RunId = null, int OutputSequence = 0)
{
    public static CellRun Idle { get; } = new(CellState.Idle, [], 0, null);
}

/// <summary>One finished execution of one cell, kept for history (the newest 20 per cell).</summary>
public sealed record RunRecord(
    ProjectId ProjectId,
    string RunId,
    CellId CellId,
    string Reason,
    string Status,
    DateTimeOffset StartedAt,
    double DurationMs,
    string Source,
    IReadOnlyList<CellOutput> Outputs);

/// <summary>The outcome of a guarded write.</summary>
public abstract record SaveOutcome<T>
{
    public sealed record Saved(T Value) : SaveOutcome<T>;
    public sealed record NotFound : SaveOutcome<T>;
    /// <summary>The expected version was stale; <paramref name="Current"/> is what is stored now.</summary>
    public sealed record Stale(T Current) : SaveOutcome<T>;
    /// <summary>An item with that id already exists.</summary>
    public sealed record Exists : SaveOutcome<T>;
}

public static class RunHistory
{
    /// <summary>How many runs per cell the store keeps.</summary>
    public const int Depth = 20;
}

public static class StoreJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
