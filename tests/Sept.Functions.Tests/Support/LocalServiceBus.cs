using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sept.Functions.Tests.Azure;

namespace Sept.Functions.Tests.Support;

/// <summary>A local stand-in for a Service Bus session queue plus the Functions host's "runs" trigger, written once
/// for the contract tests (the real broker and host cannot run here). It is a real HTTP server (Kestrel on loopback)
/// speaking the REST send API the app uses — POST /{queue}/messages with a bearer token and the BrokerProperties
/// header, answered 201 — and behaves like the parts of Service Bus the run queue relies on:
/// <list type="bullet">
/// <item>FIFO per SessionId, one active consumer per session; different sessions are delivered in parallel.</item>
/// <item>Duplicate detection by MessageId: a resend is answered 201 and dropped.</item>
/// <item>Delivery = POST of the Functions host's invocation payload (base64 body, JSON-encoded metadata strings,
/// DeliveryCount) to the app's /runs; a 2xx completes the message, anything else abandons it, so it is delivered
/// again (DeliveryCount + 1) ahead of the session's later messages, and dead-lettered after
/// <see cref="MaxDeliveryCount"/> deliveries.</item>
/// <item><see cref="LoseNextLock"/>: the lock of a session's next message expires while it is being handled, so it is
/// delivered again even though the handler succeeded (at-least-once delivery).</item>
/// </list></summary>
public sealed class LocalServiceBus : IAsyncDisposable
{
    private WebApplication _server = null!;
    private readonly ConcurrentDictionary<string, Session> _sessions = new();
    private readonly ConcurrentDictionary<string, byte> _seenMessageIds = new();
    private readonly ConcurrentDictionary<string, byte> _loseLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private Func<HttpClient>? _functionsHost;

    private LocalServiceBus(string queue) => Queue = queue;

    public string Queue { get; }

    public int MaxDeliveryCount { get; init; } = 5;

    /// <summary>http://127.0.0.1:{port}/ — the namespace endpoint to send to.</summary>
    public Uri Endpoint { get; private set; } = null!;

    public ConcurrentQueue<Delivery> Deliveries { get; } = new();

    public ConcurrentQueue<string> DeadLettered { get; } = new();

    public static async Task<LocalServiceBus> StartAsync(string queue = "runs")
    {
        var bus = new LocalServiceBus(queue);
        var (server, address) = await LoopbackServer.StartAsync(s =>
            s.MapPost("/{queue}/messages", (string queue, HttpContext http) => bus.ReceiveAsync(queue, http)));
        bus._server = server;
        bus.Endpoint = new Uri(address.AbsoluteUri.TrimEnd('/') + "/");
        return bus;
    }

    /// <summary>Where deliveries go: a client of the app (the custom handler) whose /runs is the trigger endpoint.</summary>
    public void DeliverTo(Func<HttpClient> functionsHost) => _functionsHost = functionsHost;

    /// <summary>The session's next delivered message loses its lock: it is delivered once more after it was handled.</summary>
    public void LoseNextLock(string sessionId) => _loseLock[sessionId] = 0;

    /// <summary>Waits until every session is drained (nothing queued or being delivered).</summary>
    public async Task IdleAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        foreach (var session in _sessions.Values) await session.IdleAsync(cts.Token);
    }

    private async Task<IResult> ReceiveAsync(string queue, HttpContext http)
    {
        if (queue != Queue) return Results.StatusCode(StatusCodes.Status410Gone);
        if (http.Request.Headers.Authorization.ToString() is not { Length: > 7 } auth || !auth.StartsWith("Bearer ", StringComparison.Ordinal))
            return Results.StatusCode(StatusCodes.Status401Unauthorized);
        string? sessionId, messageId;
        try
        {
            using var broker = JsonDocument.Parse(http.Request.Headers["BrokerProperties"].ToString());
            sessionId = broker.RootElement.TryGetProperty("SessionId", out var s) ? s.GetString() : null;
            messageId = broker.RootElement.TryGetProperty("MessageId", out var m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            return Results.BadRequest("BrokerProperties is not JSON.");
        }
        // A session queue refuses messages without a SessionId.
        if (string.IsNullOrEmpty(sessionId) || string.IsNullOrEmpty(messageId)) return Results.BadRequest("SessionId and MessageId are required.");
        using var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body);
        if (!_seenMessageIds.TryAdd(messageId, 0)) return Results.StatusCode(StatusCodes.Status201Created);
        _sessions.GetOrAdd(sessionId, id => new Session(id, this)).Add(new Message(messageId, body.ToArray()));
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _server.StopAsync();
        await _server.DisposeAsync();
        _stopping.Dispose();
    }

    public sealed record Delivery(string SessionId, string MessageId, int DeliveryCount, HttpStatusCode Status);

    private sealed record Message(string MessageId, byte[] Body)
    {
        public int DeliveryCount { get; set; }
    }

    /// <summary>One session: its FIFO and its single consumer (a pump that runs while messages wait).</summary>
    private sealed class Session(string id, LocalServiceBus bus)
    {
        private readonly LinkedList<Message> _messages = new();
        private Task _pump = Task.CompletedTask;
        private bool _pumping;

        public void Add(Message message)
        {
            lock (_messages)
            {
                _messages.AddLast(message);
                if (_pumping) return;
                _pumping = true;
                _pump = Task.Run(PumpAsync);
            }
        }

        public async Task IdleAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                Task pump;
                lock (_messages) pump = _pump;
                await pump.WaitAsync(cancellationToken);
                lock (_messages)
                    if (_pump == pump && _messages.Count == 0) return;
            }
        }

        private async Task PumpAsync()
        {
            while (true)
            {
                Message next;
                lock (_messages)
                {
                    if (_messages.First is null)
                    {
                        _pumping = false;
                        return;
                    }
                    next = _messages.First.Value;
                }
                next.DeliveryCount++;
                var status = await DeliverAsync(next);
                bus.Deliveries.Enqueue(new Delivery(id, next.MessageId, next.DeliveryCount, status));
                var completed = (int)status is >= 200 and < 300 && !bus._loseLock.TryRemove(id, out _);
                if (!completed && next.DeliveryCount < bus.MaxDeliveryCount) continue;
                if (!completed) bus.DeadLettered.Enqueue(next.MessageId);
                lock (_messages) _messages.RemoveFirst();
            }
        }

        private async Task<HttpStatusCode> DeliverAsync(Message message)
        {
            var host = bus._functionsHost ?? throw new InvalidOperationException("LocalServiceBus.DeliverTo was not called.");
            try
            {
                using var client = host();
                using var response = await client.PostAsync("/runs",
                    HostPayloads.Json(HostPayloads.ServiceBus(message.Body, id, message.MessageId, message.DeliveryCount)), bus._stopping.Token);
                return response.StatusCode;
            }
            catch (Exception) when (!bus._stopping.IsCancellationRequested)
            {
                // The handler could not be reached: the host fails the invocation, the message is abandoned.
                return HttpStatusCode.ServiceUnavailable;
            }
        }
    }
}
