using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Sept.Functions.Tests.Support;

/// <summary>A local stand-in for the SignalR Service (Serverless) data-plane REST API, written once for the realtime
/// contract tests: a real HTTP server (Kestrel on loopback) that requires a bearer token and the api-version query, keeps
/// the connections its simulated clients opened (<see cref="Connect"/>), tracks group membership by connection, and
/// records what each connection receives:
/// <list type="bullet">
/// <item>PUT /api/hubs/{hub}/groups/{group}/connections/{id}: 200, or 404 for a connection that is not connected.</item>
/// <item>DELETE the same: 200 (also when the connection was not in the group).</item>
/// <item>POST /api/hubs/{hub}/groups/{group}/:send {target, arguments}: 202, delivered to the group's connections.</item>
/// <item>POST /api/hubs/{hub}/users/{userId}/:closeConnections: closes every connection of the user (200).</item>
/// </list></summary>
public sealed class LocalSignalRService : IAsyncDisposable
{
    private WebApplication _server = null!;
    private readonly ConcurrentDictionary<string, Connection> _connections = new();
    private readonly string _hub;

    private LocalSignalRService(string hub) => _hub = hub;

    /// <summary>http://127.0.0.1:{port}</summary>
    public Uri Endpoint { get; private set; } = null!;

    public static async Task<LocalSignalRService> StartAsync(string hub)
    {
        var service = new LocalSignalRService(hub);
        var (server, address) = await LoopbackServer.StartAsync(server => service.Map(server));
        service._server = server;
        service.Endpoint = address;
        return service;
    }

    private void Map(WebApplication server)
    {
        var service = this;
        server.MapPut("/api/hubs/{hub}/groups/{group}/connections/{id}", (string hub, string group, string id, HttpContext http) =>
            service.Checked(hub, http, () => service._connections.TryGetValue(id, out var c) && c.Join(group)
                ? Results.Ok() : Results.NotFound()));
        server.MapDelete("/api/hubs/{hub}/groups/{group}/connections/{id}", (string hub, string group, string id, HttpContext http) =>
            service.Checked(hub, http, () =>
            {
                if (service._connections.TryGetValue(id, out var c)) c.Leave(group);
                return Results.Ok();
            }));
        server.MapPost("/api/hubs/{hub}/groups/{group}/:send", async (string hub, string group, HttpContext http) =>
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            return service.Checked(hub, http, () =>
            {
                var target = body.RootElement.GetProperty("target").GetString()!;
                var argument = body.RootElement.GetProperty("arguments")[0].Clone();
                foreach (var connection in service._connections.Values.Where(c => c.IsIn(group))) connection.Receive(target, argument);
                return Results.Accepted();
            });
        });
        server.MapPost("/api/hubs/{hub}/users/{userId}/:closeConnections", (string hub, string userId, HttpContext http) =>
            service.Checked(hub, http, () =>
            {
                foreach (var connection in service._connections.Values.Where(c => c.UserId == userId))
                    if (service._connections.TryRemove(connection.Id, out _)) connection.Close();
                return Results.Ok();
            }));
    }

    /// <summary>A client connected (as the negotiated client would) for a user; returns its connection.</summary>
    public Connection Connect(string userId)
    {
        var connection = new Connection(Guid.NewGuid().ToString("N"), userId);
        _connections[connection.Id] = connection;
        return connection;
    }

    public bool IsConnected(string connectionId) => _connections.ContainsKey(connectionId);

    private IResult Checked(string hub, HttpContext http, Func<IResult> answer)
    {
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)) return Results.Unauthorized();
        if (string.IsNullOrEmpty(http.Request.Query["api-version"])) return Results.BadRequest("api-version is required.");
        return hub == _hub ? answer() : Results.NotFound();
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
    }

    /// <summary>One simulated client connection: its groups and what it received, in order.</summary>
    public sealed class Connection(string id, string userId)
    {
        private readonly HashSet<string> _groups = [];
        private readonly List<(string Target, JsonElement Argument)> _received = [];

        public string Id => id;

        public string UserId => userId;

        public IReadOnlyList<(string Target, JsonElement Argument)> Received
        {
            get { lock (_received) return [.. _received]; }
        }

        internal bool Join(string group) { lock (_groups) return _groups.Add(group) || true; }

        internal void Leave(string group) { lock (_groups) _groups.Remove(group); }

        internal bool IsIn(string group) { lock (_groups) return _groups.Contains(group); }

        /// <summary>Raised for each message the connection receives.</summary>
        public event Action<string, JsonElement>? Delivered;

        /// <summary>Raised when the service closed the connection.</summary>
        public event Action? Closed;

        internal void Close() => Closed?.Invoke();

        internal void Receive(string target, JsonElement argument)
        {
            lock (_received) _received.Add((target, argument));
            Delivered?.Invoke(target, argument);
        }
    }
}
