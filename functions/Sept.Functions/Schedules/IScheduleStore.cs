using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Schedules;

/// <summary>Schedules and their run history. SQLite: tables schedules and schedule_runs (both go with their project).
/// Cosmos: schedules in partition "_schedules" (the due query spans projects), their runs in the project's
/// partition (they go with it); a schedule whose project is gone is deleted by the ticker.</summary>
public interface IScheduleStore
{
    /// <summary>The project's schedules, oldest first.</summary>
    Task<IReadOnlyList<ScheduleRecord>> ListAsync(ProjectId projectId, CancellationToken cancellationToken);

    Task<ScheduleRecord?> GetAsync(ProjectId projectId, string scheduleId, CancellationToken cancellationToken);

    /// <summary>Stores a new schedule with Version 1.</summary>
    Task<SaveOutcome<ScheduleRecord>> CreateAsync(ScheduleRecord schedule, CancellationToken cancellationToken);

    /// <summary>Replaces the schedule when the stored Version equals <paramref name="expectedVersion"/>; bumps Version.</summary>
    Task<SaveOutcome<ScheduleRecord>> UpdateAsync(ScheduleRecord schedule, long expectedVersion, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(ProjectId projectId, string scheduleId, CancellationToken cancellationToken);

    /// <summary>Enabled schedules of every project whose NextRunAt is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<ScheduleRecord>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Adds a run and keeps the newest <see cref="ScheduleLimits.RunsKept"/> of the schedule.</summary>
    Task AppendRunAsync(ScheduleRunRecord run, CancellationToken cancellationToken);

    /// <summary>The schedule's runs, newest first.</summary>
    Task<IReadOnlyList<ScheduleRunRecord>> ListRunsAsync(ProjectId projectId, string scheduleId, CancellationToken cancellationToken);
}
