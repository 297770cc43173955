using System.Text.Json;

namespace Sept.Functions.Schedules;

/// <summary>A schedule as the API shows it. <see cref="WebhookUrl"/> is shown to editors only (it may carry a
/// secret); viewers see <see cref="HasWebhook"/>.</summary>
public sealed record ScheduleDto(
    string Id, string ProjectId, string Name, string Cron, string TimeZone, string Mode, IReadOnlyDictionary<string, JsonElement> Inputs,
    int TimeoutSeconds, int Retries, string? WebhookUrl, bool HasWebhook, bool Enabled, string CreatedBy, DateTimeOffset CreatedAt,
    long Version, DateTimeOffset? NextRunAt, bool Running, DateTimeOffset? LastRunAt, string? LastStatus)
{
    public static ScheduleDto From(ScheduleRecord s, bool showWebhook, DateTimeOffset now) => new(
        s.Id, s.ProjectId.ToString(), s.Name, s.Cron, s.TimeZone, s.Mode.ToString().ToLowerInvariant(), s.Inputs, s.TimeoutSeconds, s.Retries,
        showWebhook ? s.WebhookUrl : null, s.WebhookUrl is not null, s.Enabled, s.CreatedBy, s.CreatedAt, s.Version, s.NextRunAt,
        ScheduleTicker.IsRunning(s, now), s.LastRunAt, s.LastStatus);
}

/// <summary>POST body (all but name and cron optional) and PATCH body (any subset).</summary>
public sealed record ScheduleBody(
    string? Name, string? Cron, string? TimeZone, string? Mode, Dictionary<string, JsonElement>? Inputs, int? TimeoutSeconds, int? Retries,
    string? WebhookUrl, bool? Enabled);
