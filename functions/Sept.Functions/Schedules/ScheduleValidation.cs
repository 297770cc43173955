namespace Sept.Functions.Schedules;

/// <summary>Applies a POST/PATCH body to a schedule, or says what is wrong with it. A change of cron, time zone or
/// enabled recomputes the next due time from now.</summary>
public static class ScheduleValidation
{
    public static (ScheduleRecord? Schedule, string? Problem) Apply(ScheduleRecord current, ScheduleBody body, DateTimeOffset now, bool creating)
    {
        var name = body.Name?.Trim() ?? current.Name;
        if (name.Length is 0 or > 200) return (null, "name must be 1..200 characters.");
        var cronText = body.Cron?.Trim() ?? current.Cron;
        var zone = body.TimeZone?.Trim() ?? current.TimeZone;
        var (cron, cronProblem) = CronSchedule.Parse(cronText, zone);
        if (cron is null) return (null, cronProblem);
        var mode = current.Mode;
        if (body.Mode is { } m && !Enum.TryParse(m, ignoreCase: true, out mode) || !Enum.IsDefined(mode))
            return (null, $"mode must be stale or all (got '{body.Mode}').");
        var timeout = body.TimeoutSeconds ?? current.TimeoutSeconds;
        if (timeout < 1 || timeout > ScheduleLimits.MaxTimeoutSeconds) return (null, $"timeoutSeconds must be 1..{ScheduleLimits.MaxTimeoutSeconds}.");
        var retries = body.Retries ?? current.Retries;
        if (retries < 0 || retries > ScheduleLimits.MaxRetries) return (null, $"retries must be 0..{ScheduleLimits.MaxRetries}.");
        var webhook = body.WebhookUrl is null ? current.WebhookUrl : body.WebhookUrl.Trim() is { Length: > 0 } w ? w : null;
        if (webhook is not null && (!Uri.TryCreate(webhook, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            return (null, "webhookUrl must be an absolute http or https URL (or empty to remove it).");
        var inputs = body.Inputs ?? current.Inputs;
        if (inputs.Count > 50 || inputs.Keys.Any(k => k.Length is 0 or > 200)) return (null, "inputs: at most 50 names of 1..200 characters.");
        var enabled = body.Enabled ?? current.Enabled;
        var timing = creating || body.Cron is not null || body.TimeZone is not null || body.Enabled is not null;
        var next = !enabled ? null : timing ? cron.Next(now) : current.NextRunAt;
        return (current with
        {
            Name = name, Cron = cronText, TimeZone = zone, Mode = mode, Inputs = inputs, TimeoutSeconds = timeout, Retries = retries,
            WebhookUrl = webhook, Enabled = enabled, NextRunAt = next,
        }, null);
    }
}
