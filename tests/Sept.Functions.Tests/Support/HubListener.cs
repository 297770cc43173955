using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Sept.Functions.Tests.Support;

/// <summary>A real SignalR client on the app's hub, subscribed to one project, keeping the events it hears in order.</summary>
public sealed class HubListener : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly List<(string Target, JsonElement Payload)> _events = [];
    private readonly SemaphoreSlim _arrived = new(0);

    private HubListener(HubConnection connection) => _connection = connection;

    public string ConnectionId => _connection.ConnectionId!;

    public IReadOnlyList<(string Target, JsonElement Payload)> Events
    {
        get { lock (_events) return [.. _events]; }
    }

    /// <summary>Connects (long polling over the test server, with the bearer token <paramref name="http"/> sends, if any),
    /// listens to <paramref name="targets"/> and joins the project's group through POST subscriptions with <paramref name="http"/>.</summary>
    public static async Task<HubListener> ConnectAsync<T>(
        WebApplicationFactory<T> app, HttpClient http, string projectId, params string[] targets) where T : class
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.Server.BaseAddress, "/api/hub"), o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
                if (http.DefaultRequestHeaders.Authorization?.Parameter is { } token) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .Build();
        var listener = new HubListener(connection);
        foreach (var target in targets)
            connection.On<JsonElement>(target, payload =>
            {
                lock (listener._events) listener._events.Add((target, payload));
                listener._arrived.Release();
            });
        await connection.StartAsync();
        var subscribed = await http.PostAsJsonAsync($"/api/projects/{projectId}/subscriptions", new { connectionId = connection.ConnectionId });
        subscribed.EnsureSuccessStatusCode();
        return listener;
    }

    /// <summary>Waits until an event of <paramref name="target"/> matches; fails after the timeout.</summary>
    public async Task<JsonElement> WaitForAsync(string target, Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var found = Events.Where(e => e.Target == target && match(e.Payload)).Select(e => (JsonElement?)e.Payload).FirstOrDefault();
            if (found is { } payload) return payload;
            try
            {
                await _arrived.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching {target} within the timeout. Heard: {string.Join(", ", Events.Select(e => e.Target))}");
            }
        }
    }

    public Task StopAsync() => _connection.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _arrived.Dispose();
    }
}
