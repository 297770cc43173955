using System.Text.Json;
using System.Text.Json.Serialization;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Schedules;

/// <summary>What a scheduled run runs: the stale cells (and what they feed), or every cell.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScheduleMode>))]
public enum ScheduleMode
{
    Stale,
    All,
}

/// <summary>A project's schedule. <see cref="Cron"/> (5 fields, or 6 with seconds) is read in <see cref="TimeZone"/>
/// (IANA or Windows id). <see cref="Inputs"/> maps input names to the values set before each run.
/// <see cref="NextRunAt"/> is the next due time (null while disabled); <see cref="RunningSince"/> is set while a run
/// holds the schedule, so it never runs twice at once. <see cref="Version"/> guards every write.</summary>
public sealed record ScheduleRecord(
    ProjectId ProjectId,
    string Id,
    string Name,
    string Cron,
    string TimeZone,
    ScheduleMode Mode,
    IReadOnlyDictionary<string, JsonElement> Inputs,
    int TimeoutSeconds,
    int Retries,
    string? WebhookUrl,
    bool Enabled,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    long Version,
    DateTimeOffset? NextRunAt,
    DateTimeOffset? RunningSince = null,
    DateTimeOffset? LastRunAt = null,
    string? LastStatus = null)
{
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>A run that started longer ago than this died with its process; the schedule may be claimed again.</summary>
    public TimeSpan Lease => TimeSpan.FromSeconds(TimeoutSeconds * (Retries + 1L)) + TimeSpan.FromMinutes(5);
}

/// <summary>One scheduled run: why it ran, how each cell ended and how long it took. <see cref="Status"/> is
/// success, failed or timeout; <see cref="Attempts"/> counts tries (1 + retries used).</summary>
public sealed record ScheduleRunRecord(
    ProjectId ProjectId,
    string ScheduleId,
    string Id,
    string Trigger,
    DateTimeOffset StartedAt,
    double DurationMs,
    string Status,
    int Attempts,
    IReadOnlyList<ScheduleCellResult> Cells,
    string? Error = null,
    string? RunId = null);

/// <summary>A cell after a scheduled run: its state, run time and outputs.</summary>
public sealed record ScheduleCellResult(string CellId, string Kind, string State, double? Ms, IReadOnlyList<Storage.CellOutput> Outputs);

public static class ScheduleLimits
{
    /// <summary>Runs kept per schedule.</summary>
    public const int RunsKept = 50;

    public const int MaxSchedulesPerProject = 20;

    public const int MaxTimeoutSeconds = 6 * 60 * 60;

    public const int MaxRetries = 5;
}
