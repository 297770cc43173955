using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Sept.Azure.SignalR;
using Sept.Functions.Azure;
using Sept.Functions.Realtime;
using Sept.Functions.Tests.Azure;
using Sept.Functions.Tests.Support;
using Sept.Functions.Tests.Telemetry;

namespace Sept.Functions.Tests.Contracts;

/// <summary>The realtime contract for Azure hosting: <see cref="SignalRServiceRealtime"/> through its REST client to
/// <see cref="LocalSignalRService"/>, whose simulated clients are the connections.</summary>
public sealed class SignalRServiceRealtimeContract : RealtimeContract
{
    protected override async Task<RealtimeTwin> StartAsync() => new ServiceTwin(await LocalSignalRService.StartAsync("sept"));

    private sealed class ServiceTwin(LocalSignalRService service) : RealtimeTwin
    {
        private readonly TelemetryRecorder _telemetry = new();

        public override IRealtime Realtime => new SignalRServiceRealtime(Client(), _telemetry.Telemetry, NullLogger<SignalRServiceRealtime>.Instance);

        public override Task<TwinConnection> ConnectAsync(string userName)
        {
            var connected = service.Connect($"u-{userName}");
            var connection = new TwinConnection(connected.Id, connected.UserId);
            connected.Delivered += connection.Record;
            connected.Closed += connection.Close;
            return Task.FromResult(connection);
        }

        public override async ValueTask DisposeAsync()
        {
            // A failed push is only logged by the adapter; here it would be a broken twin.
            Assert.Empty(_telemetry.Of("sept.realtime.send_failures"));
            _telemetry.Dispose();
            await service.DisposeAsync();
        }

        private SignalRServiceRestClient Client()
        {
            var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            Sept.Functions.Hosting.SeptServices.Configure(json);
            return new SignalRServiceRestClient(new HttpClient(), new SignalRServiceOptions(service.Endpoint, "sept"),
                new SignalRServiceAuth.Entra(new StaticTokenCredential()), json: json);
        }
    }
}
