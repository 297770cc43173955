namespace Sept.Functions.Schedules;

/// <summary>Local hosting: ticks at start (missed runs) and then every <see cref="Interval"/>. On Azure the
/// "schedules" timer function (FunctionsHost/schedules) ticks instead. A tick is not awaited by the next one, so a long
/// run does not hold back other schedules (claims keep one schedule from running twice).</summary>
public sealed class LocalScheduleService(ScheduleTicker ticker, TimeProvider clock, ILogger<LocalScheduleService> logger) : BackgroundService
{
    public static TimeSpan Interval { get; } = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        var ticks = new List<Task>();
        try
        {
            do
            {
                ticks.RemoveAll(t => t.IsCompleted);
                ticks.Add(TickAsync(stoppingToken));
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        finally
        {
            await Task.WhenAll(ticks);
        }
    }

    private async Task TickAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ticker.TickAsync(stoppingToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "A schedule tick failed; the next tick tries again");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a run in progress stays claimed until its lease ends, then runs again.
        }
    }
}
