using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Sept.Functions.Realtime;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Contracts;

/// <summary>The realtime contract for local hosting: <see cref="HubRealtime"/> with SignalR clients of signed-in users
/// (Jwt mode, development tokens) connected to the app's hub (long polling over the test server).</summary>
public sealed class HubRealtimeContract : RealtimeContract
{
    protected override Task<RealtimeTwin> StartAsync() => Task.FromResult<RealtimeTwin>(new HubTwin(new JwtApplication()));

    private sealed class HubTwin(JwtApplication app) : RealtimeTwin
    {
        private readonly List<HubConnection> _connections = [];

        public override IRealtime Realtime => app.Services.GetRequiredService<IRealtime>();

        public override async Task<TwinConnection> ConnectAsync(string userName)
        {
            var user = TestTokens.User(userName);
            var negotiate = await app.ClientFor(user).PostAsync("/api/negotiate", null);
            negotiate.EnsureSuccessStatusCode();
            var info = (await negotiate.Content.ReadFromJsonAsync<NegotiateResponse>(ApiClient.Json))!;
            var hub = new HubConnectionBuilder()
                .WithUrl(info.Url, o =>
                {
                    o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                    o.Transports = HttpTransportType.LongPolling;
                    o.AccessTokenProvider = () => Task.FromResult<string?>(TestTokens.For(user));
                })
                .Build();
            TwinConnection? connection = null;
            foreach (var target in new[] { "runFinished", "cellUpdated", "cellOutput", "projectChanged" })
                hub.On<JsonElement>(target, argument => connection!.Record(target, argument));
            hub.Closed += _ =>
            {
                connection?.Close();
                return Task.CompletedTask;
            };
            await hub.StartAsync();
            lock (_connections) _connections.Add(hub);
            connection = new TwinConnection(hub.ConnectionId!, user.Id);
            return connection;
        }

        public override async ValueTask DisposeAsync()
        {
            foreach (var hub in _connections) await hub.DisposeAsync();
            await app.DisposeAsync();
        }
    }
}
