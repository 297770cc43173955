using Microsoft.Extensions.Options;

namespace Sept.Functions.Presence;

/// <summary>Every <see cref="PresenceOptions.SweepInterval"/>, removes viewers whose heartbeats stopped (a tab that
/// closed without saying so) and tells the project's watchers. Runs on the app's <see cref="TimeProvider"/>.</summary>
public sealed class PresenceSweep(PresenceTracker tracker, IOptions<PresenceOptions> options, TimeProvider clock, ILogger<PresenceSweep> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await tracker.SweepAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A store hiccup must not end presence expiry for the life of the process.
                    log.LogWarning(e, "Presence sweep failed; trying again next tick");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
