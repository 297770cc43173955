using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sept.Functions.Azure;
using Sept.Functions.Runs;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Azure;

/// <summary>The app as the Functions host sees it: local store and real kernels, plus the trigger endpoints
/// (/runs, /sweep) with their run ledger on cosmosdb-server. Runs started through the API are recorded in the ledger
/// and held in <see cref="Queued"/> instead of running in-process, the way Service Bus holds them until the "runs"
/// function delivers them.</summary>
public class FunctionsHostApplication(Func<IServiceProvider, Sept.Functions.Kernels.IKernelHost>? kernel = null) : SeptApplication(kernel)
{
    private readonly CosmosEmulatorFixture _cosmos = new();

    public HeldRunQueue Queued => (HeldRunQueue)Services.GetRequiredService<IRunQueue>();

    public CosmosRunLedger Ledger => Services.GetRequiredService<CosmosRunLedger>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // ConfigureWebHost has no async form; the emulator is started once per test run.
        _cosmos.InitializeAsync().GetAwaiter().GetResult();
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(_cosmos.Container);
            services.AddFunctionsTriggers();
            services.Replace(ServiceDescriptor.Singleton<IRunQueue, HeldRunQueue>());
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _cosmos.DisposeAsync();
    }
}

/// <summary>Service Bus without the sending: records the run in the ledger (as <see cref="ServiceBusRunQueue"/> does)
/// and holds it for the test to deliver.</summary>
public sealed class HeldRunQueue(CosmosRunLedger ledger) : IRunQueue
{
    private readonly ConcurrentQueue<RunRequest> _held = new();

    public async Task<RunRequest?> EnqueueAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var replaced = await ledger.QueueAsync(request, cancellationToken);
        _held.Enqueue(request);
        return replaced;
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
