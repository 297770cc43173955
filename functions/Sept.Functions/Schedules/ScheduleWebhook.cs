using System.Net.Http.Json;

namespace Sept.Functions.Schedules;

/// <summary>Tells a schedule's webhook that a run did not succeed: one POST of <see cref="Payload"/> as JSON, 10 s
/// timeout, failures logged (a webhook that is down never fails the schedule).</summary>
public sealed class ScheduleWebhook(IHttpClientFactory http, ILogger<ScheduleWebhook> logger)
{
    public const string ClientName = "sept-schedule-webhook";

    /// <summary>The documented payload (docs/api.md, "Schedules").</summary>
    public sealed record Payload(
        string Event, string ProjectId, string ProjectName, string ScheduleId, string ScheduleName, string RunId, string Trigger,
        string Status, string? Error, DateTimeOffset StartedAt, double DurationMs, int Attempts, IReadOnlyList<FailedCell> FailedCells);

    public sealed record FailedCell(string CellId, string Kind, string State);

    public async Task NotifyAsync(ScheduleRecord schedule, ScheduleRunRecord run, string projectName, CancellationToken cancellationToken)
    {
        if (schedule.WebhookUrl is not { Length: > 0 } url || run.Status == "success") return;
        var payload = new Payload("schedule.run.failed", schedule.ProjectId.ToString(), projectName, schedule.Id, schedule.Name, run.Id,
            run.Trigger, run.Status, run.Error, run.StartedAt, run.DurationMs, run.Attempts,
            [.. run.Cells.Where(c => c.State is "error" or "cancelled" or "running" or "queued").Select(c => new FailedCell(c.CellId, c.Kind, c.State))]);
        try
        {
            using var client = http.CreateClient(ClientName);
            using var response = await client.PostAsJsonAsync(url, payload, ScheduleJson.Options, cancellationToken);
            if (!response.IsSuccessStatusCode)
                logger.LogWarning("Webhook of schedule {ScheduleId} answered {Status}", schedule.Id, (int)response.StatusCode);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Webhook of schedule {ScheduleId} failed: {Error}", schedule.Id, e.Message);
        }
    }
}
