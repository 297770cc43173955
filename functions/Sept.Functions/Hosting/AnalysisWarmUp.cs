using Sept.Notebooks.Analysis;

namespace Sept.Functions.Hosting;

/// <summary>Loads Roslyn's references and JITs the analyzer in the background at start, so the first cell edit
/// does not pay about a second for it.</summary>
public sealed class AnalysisWarmUp(ILogger<AnalysisWarmUp> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        try
        {
            CSharpCellAnalyzer.WarmUp();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Analysis warm-up failed; the first analysis will be slower");
        }
    }, stoppingToken);
}
