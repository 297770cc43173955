using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Sept.Functions.Realtime;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Contracts;

/// <summary>The realtime contract for local hosting: <see cref="HubRealtime"/> with SignalR clients connected to
/// the app's hub (long polling over the test server).</summary>
public sealed class HubRealtimeContract : RealtimeContract
{
    protected override Task<RealtimeTwin> StartAsync() => Task.FromResult<RealtimeTwin>(new HubTwin(new SeptApplication(_ => new ScriptedKernel())));

    private sealed class HubTwin(SeptApplication app) : RealtimeTwin
    {
        private readonly List<HubConnection> _connections = [];

        public override IRealtime Realtime => app.Services.GetRequiredService<HubRealtime>();

        public override async Task<TwinConnection> ConnectAsync(string userId)
        {
            var negotiate = await app.CreateClient().PostAsync("/api/negotiate", null);
            var info = (await negotiate.Content.ReadFromJsonAsync<NegotiateResponse>(ApiClient.Json))!;
            var hub = new HubConnectionBuilder()
                .WithUrl(info.Url, o =>
                {
                    o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                    o.Transports = HttpTransportType.LongPolling;
                })
                .Build();
            TwinConnection? connection = null;
            foreach (var target in new[] { "runFinished", "cellUpdated", "cellOutput", "projectChanged" })
                hub.On<JsonElement>(target, argument => connection!.Record(target, argument));
            await hub.StartAsync();
            lock (_connections) _connections.Add(hub);
            connection = new TwinConnection(hub.ConnectionId!);
            return connection;
        }

        public override async ValueTask DisposeAsync()
        {
            foreach (var hub in _connections) await hub.DisposeAsync();
            await app.DisposeAsync();
        }
    }
}
