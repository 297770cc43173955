using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sept.Azure.ServiceBus;
using Sept.Functions.Azure;
using Sept.Functions.Runs;
using Sept.Functions.Tests.Azure;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Contracts;

/// <summary>The run queue contract for Azure hosting: <see cref="ServiceBusRunQueue"/> sending through its REST client
/// to <see cref="LocalServiceBus"/>, which delivers each message to the app's /runs trigger with the Functions host's
/// payload; the run ledger is on cosmosdb-server.</summary>
public sealed class ServiceBusRunQueueContract : RunQueueContract
{
    protected override async Task<RunQueueTwin> StartAsync(ScriptedKernel kernel)
    {
        var bus = await LocalServiceBus.StartAsync();
        var app = new TwinApplication(kernel, bus);
        var twin = new ServiceBusTwin(app, bus);
        bus.DeliverTo(app.CreateClient);
        return twin;
    }

    private sealed class ServiceBusTwin(TwinApplication app, LocalServiceBus bus) : RunQueueTwin
    {
        public override ApiClient Api { get; } = new(app.CreateClient());

        public override RecordingRealtime Realtime => app.Realtime;

        public override void RepeatNextRun(string projectId) => bus.LoseNextLock(projectId);

        public override int Handovers(string runId) => bus.Deliveries.Count(d => d.MessageId == runId);

        public override async ValueTask DisposeAsync()
        {
            Assert.Empty(bus.DeadLettered);
            await bus.DisposeAsync();
            await app.DisposeAsync();
        }
    }

    private sealed class TwinApplication(ScriptedKernel kernel, LocalServiceBus bus) : FunctionsHostApplication(_ => kernel)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<IRunQueue>(sp => new ServiceBusRunQueue(
                new ServiceBusRestSender(new HttpClient(), new StaticTokenCredential(), new ServiceBusQueueAddress(bus.Endpoint, bus.Queue)),
                sp.GetRequiredService<CosmosRunLedger>()))));
        }
    }
}
