using Sept.Functions.Projects;
using Sept.Functions.Storage;

namespace Sept.Functions.Schedules;

/// <summary>One pass over due schedules: each is claimed with a version-guarded write that sets RunningSince and the
/// next due time (so two ticks, or two instances, never run it twice at once), run, recorded, released, and its
/// webhook told of a failure. Missed runs: a schedule whose due time passed while the app was down is due, runs
/// once, and its next time is computed from now, so any number of missed occurrences collapse into one run.</summary>
public sealed class ScheduleTicker(
    IScheduleStore store, ScheduledRun runner, ScheduleWebhook webhook, NotebookReader reader, TimeProvider clock, ILogger<ScheduleTicker> logger)
{
    /// <summary>Runs every due schedule; returns the runs recorded.</summary>
    public async Task<IReadOnlyList<ScheduleRunRecord>> TickAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = new List<(ScheduleRecord Schedule, string Trigger)>();
        foreach (var due in await store.ListDueAsync(now, cancellationToken))
            if (await ClaimAsync(due, now, cancellationToken) is { } mine) claimed.Add(mine);
        var runs = await Task.WhenAll(claimed.Select(c => RunClaimedAsync(c.Schedule, c.Trigger, cancellationToken)));
        return [.. runs.OfType<ScheduleRunRecord>()];
    }

    /// <summary>Runs a schedule now ("manual"), unless it is running already (null).</summary>
    public async Task<ScheduleRunRecord?> RunNowAsync(ScheduleRecord schedule, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (IsRunning(schedule, now)) return null;
        var claim = await store.UpdateAsync(schedule with { RunningSince = now }, schedule.Version, cancellationToken);
        return claim is SaveOutcome<ScheduleRecord>.Saved saved ? await RunClaimedAsync(saved.Value, "manual", cancellationToken) : null;
    }

    public static bool IsRunning(ScheduleRecord schedule, DateTimeOffset now) =>
        schedule.RunningSince is { } since && now - since < schedule.Lease;

    private async Task<(ScheduleRecord, string)?> ClaimAsync(ScheduleRecord due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (IsRunning(due, now)) return null;
        var (cron, _) = CronSchedule.Parse(due.Cron, due.TimeZone);
        // A due time more than a minute old was missed (the app was down): say so in the run's trigger.
        var trigger = due.NextRunAt is { } at && now - at > TimeSpan.FromMinutes(1) ? "missed" : "schedule";
        var next = cron?.Next(now);
        var claim = await store.UpdateAsync(due with { RunningSince = now, NextRunAt = next, Enabled = due.Enabled && next is not null },
            due.Version, cancellationToken);
        return claim is SaveOutcome<ScheduleRecord>.Saved saved ? (saved.Value, trigger) : null;
    }

    private async Task<ScheduleRunRecord?> RunClaimedAsync(ScheduleRecord schedule, string trigger, CancellationToken cancellationToken)
    {
        var run = await runner.ExecuteAsync(schedule, trigger, clock.GetUtcNow(), cancellationToken);
        if (run.Error == ScheduledRun.ProjectGone)
        {
            await store.DeleteAsync(schedule.ProjectId, schedule.Id, cancellationToken);
            return null;
        }
        await store.AppendRunAsync(run, cancellationToken);
        await ReleaseAsync(schedule, run, cancellationToken);
        var project = await reader.GetAsync(schedule.ProjectId, cancellationToken);
        await webhook.NotifyAsync(schedule, run, project?.Name ?? "", cancellationToken);
        logger.LogInformation("Schedule {ScheduleId} of project {ProjectId} ran ({Trigger}): {Status}", schedule.Id, schedule.ProjectId, trigger, run.Status);
        return run;
    }

    // The schedule may have been edited while it ran: keep the edit, clear the claim.
    private async Task ReleaseAsync(ScheduleRecord claimed, ScheduleRunRecord run, CancellationToken cancellationToken)
    {
        var current = claimed;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var released = current with { RunningSince = null, LastRunAt = run.StartedAt, LastStatus = run.Status };
            switch (await store.UpdateAsync(released, current.Version, cancellationToken))
            {
                case SaveOutcome<ScheduleRecord>.Stale stale:
                    current = stale.Current;
                    continue;
                default:
                    return;
            }
        }
    }
}
