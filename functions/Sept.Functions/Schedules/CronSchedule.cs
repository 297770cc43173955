using Cronos;

namespace Sept.Functions.Schedules;

/// <summary>A cron expression in a time zone (Cronos: DST gaps run once at the first valid time after the gap,
/// repeated hours once). 5 fields (minute precision) or 6 (with seconds first).</summary>
public sealed class CronSchedule
{
    private readonly CronExpression _expression;
    private readonly TimeZoneInfo _zone;

    private CronSchedule(CronExpression expression, TimeZoneInfo zone) => (_expression, _zone) = (expression, zone);

    /// <summary>The schedule, or why the text is not one.</summary>
    public static (CronSchedule? Schedule, string? Problem) Parse(string? cron, string? timeZone)
    {
        if (string.IsNullOrWhiteSpace(cron)) return (null, "cron is required, e.g. \"0 7 * * 1-5\" (07:00 on weekdays).");
        var fields = cron.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        if (fields is not (5 or 6)) return (null, $"cron must have 5 fields (minute hour day month weekday) or 6 (with seconds first); got {fields}.");
        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(cron.Trim(), fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            return (null, $"cron \"{cron}\" is not valid: {e.Message}");
        }
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim(), out var zone))
            return (null, $"timeZone \"{timeZone}\" is not a known time zone (use an IANA id such as Europe/Berlin, or UTC).");
        return (new CronSchedule(expression, zone), null);
    }

    /// <summary>The first occurrence strictly after <paramref name="after"/>; null when there is none.</summary>
    public DateTimeOffset? Next(DateTimeOffset after) => _expression.GetNextOccurrence(after, _zone, inclusive: false);
}
