using Sept.Functions.Schedules;

namespace Sept.Functions.Tests.Schedules;

public sealed class CronScheduleTests
{
    private static CronSchedule Parse(string cron, string zone) => CronSchedule.Parse(cron, zone).Schedule!;

    [Fact]
    public void The_next_time_is_strictly_after_the_given_one()
    {
        var every15 = Parse("*/15 * * * *", "UTC");
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 10, 15, 0, TimeSpan.Zero), every15.Next(new DateTimeOffset(2026, 12, 4, 10, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 10, 15, 0, TimeSpan.Zero), every15.Next(new DateTimeOffset(2026, 12, 4, 10, 14, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void Times_are_read_in_the_schedules_time_zone()
    {
        var seven = Parse("0 7 * * 1-5", "Europe/Berlin");
        // Friday 2026-12-04: 07:00 in Berlin (UTC+1 in winter) is 06:00 UTC; after it, the next weekday is Monday.
        Assert.Equal(new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero), seven.Next(new DateTimeOffset(2026, 12, 4, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 12, 7, 6, 0, 0, TimeSpan.Zero), seven.Next(new DateTimeOffset(2026, 12, 4, 6, 0, 0, TimeSpan.Zero)));
        // In summer Berlin is UTC+2.
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 5, 0, 0, TimeSpan.Zero), seven.Next(new DateTimeOffset(2026, 7, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Across_daylight_saving_a_skipped_time_runs_once_after_the_gap_and_a_repeated_hour_once()
    {
        var halfPastTwo = Parse("30 2 * * *", "America/New_York");
        // 2026-03-08: clocks jump from 02:00 to 03:00 EST->EDT; 02:30 does not exist, so it runs at 03:00 EDT (07:00 UTC).
        Assert.Equal(new DateTimeOffset(2026, 3, 8, 7, 0, 0, TimeSpan.Zero), halfPastTwo.Next(new DateTimeOffset(2026, 3, 8, 5, 0, 0, TimeSpan.Zero)));
        var halfPastOne = Parse("30 1 * * *", "America/New_York");
        // 2026-11-01: 01:00-02:00 happens twice; 01:30 runs once, at the first (EDT, 05:30 UTC), then the next day.
        var first = halfPastOne.Next(new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero))!.Value;
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 5, 30, 0, TimeSpan.Zero), first);
        Assert.Equal(new DateTimeOffset(2026, 11, 2, 6, 30, 0, TimeSpan.Zero), halfPastOne.Next(first));
    }

    [Theory]
    [InlineData("", "UTC", "cron is required")]
    [InlineData("* * *", "UTC", "5 fields")]
    [InlineData("61 * * * *", "UTC", "not valid")]
    [InlineData("0 7 * * *", "Mars/Olympus", "not a known time zone")]
    public void Bad_input_says_what_is_wrong(string cron, string zone, string expected)
    {
        var (schedule, problem) = CronSchedule.Parse(cron, zone);
        Assert.Null(schedule);
        Assert.Contains(expected, problem);
    }
}
