using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sept.Functions.Azure;
using Sept.Functions.Runs;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Azure;

/// <summary>The app as the Functions host sees it: local store and real kernels, plus the trigger endpoints
/// (/runs, /sweep). Runs started through the API are held in <see cref="Queued"/> instead of running in-process,
/// the way Service Bus holds them until the "runs" function delivers them.</summary>
public class FunctionsHostApplication : SeptApplication
{
    public HeldRunQueue Queued { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddFunctionsTriggers();
            services.Replace(ServiceDescriptor.Singleton<IRunQueue>(Queued));
        });
    }
}

public sealed class HeldRunQueue : IRunQueue
{
    private readonly ConcurrentQueue<RunRequest> _held = new();

    public Task<RunRequest?> EnqueueAsync(RunRequest request, CancellationToken cancellationToken)
    {
        _held.Enqueue(request);
        return Task.FromResult<RunRequest?>(null);
    }

    public RunRequest Take(string runId) => _held.Single(r => r.RunId == runId);
}

/// <summary>Invocation payloads shaped like the Functions host's (azure.md §1.3, §2.2): binary data as base64,
/// metadata strings JSON-encoded twice, numbers as strings.</summary>
public static class HostPayloads
{
    public static string ServiceBus(byte[] body, string sessionId, string messageId, int deliveryCount) =>
        JsonSerializer.Serialize(new
        {
            Data = new { msg = Convert.ToBase64String(body) },
            Metadata = new Dictionary<string, object>
            {
                ["SessionId"] = JsonSerializer.Serialize(sessionId),
                ["MessageId"] = JsonSerializer.Serialize(messageId),
                ["DeliveryCount"] = deliveryCount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ContentType"] = "\"application/json\"",
                ["EnqueuedTimeUtc"] = "\"2026-11-23T10:00:00Z\"",
                ["MessageActions"] = "{}",
                ["SessionActions"] = "{}",
                ["sys"] = new { MethodName = "runs", UtcNow = "2026-11-23T10:00:01Z", RandGuid = Guid.NewGuid() },
            },
        });

    public static string ServiceBus(RunRequest run, int deliveryCount = 1) =>
        ServiceBus(RunMessage.Of(run).ToUtf8(), run.ProjectId.ToString(), run.RunId, deliveryCount);

    public static string Timer(bool isPastDue = false) =>
        JsonSerializer.Serialize(new
        {
            Data = new { timer = new { Schedule = new { AdjustForDST = true }, ScheduleStatus = (object?)null, IsPastDue = isPastDue } },
            Metadata = new { sys = new { MethodName = "sweep", UtcNow = "2026-11-23T10:00:01Z", RandGuid = Guid.NewGuid() } },
        });

    public static StringContent Json(string payload) => new(payload, Encoding.UTF8, "application/json");
}
