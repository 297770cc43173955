using System.Text.Json;
using Sept.Functions.Realtime;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Contracts;

/// <summary>The <see cref="IRealtime"/> contract, run against each twin (the local SignalR hub with real client
/// connections; SignalR Service through its REST client and a local stand-in that tracks groups by connection).
/// "Did not arrive" is judged after a later event to the same connection arrived: each twin delivers to one connection
/// in order.</summary>
public abstract class RealtimeContract : IAsyncLifetime
{
    private RealtimeTwin _twin = null!;

    protected abstract Task<RealtimeTwin> StartAsync();

    public async Task InitializeAsync() => _twin = await StartAsync();

    public async Task DisposeAsync() => await _twin.DisposeAsync();

    private IRealtime Realtime => _twin.Realtime;

    [Fact]
    public async Task An_event_published_to_a_project_reaches_the_connections_subscribed_to_it_and_no_others()
    {
        var (p, q) = (ProjectId.New(), ProjectId.New());
        var onP = await _twin.ConnectAsync("ann");
        var onQ = await _twin.ConnectAsync("bob");
        var onBoth = await _twin.ConnectAsync("cat");
        var onNone = await _twin.ConnectAsync("dan");
        await Realtime.SubscribeAsync(p, onP.Id, default);
        await Realtime.SubscribeAsync(q, onQ.Id, default);
        await Realtime.SubscribeAsync(p, onBoth.Id, default);
        await Realtime.SubscribeAsync(q, onBoth.Id, default);

        await Realtime.PublishAsync(p, new RunFinished("p-1", ["c1"], 12.5), default);
        await Realtime.PublishAsync(q, new RunFinished("q-1", ["c2"], 1), default);
        await Realtime.PublishAsync(p, new RunFinished("p-2", [], 1), default);
        await Realtime.PublishAsync(q, new RunFinished("q-2", [], 1), default);

        await onP.WaitForRunAsync("p-2");
        await onQ.WaitForRunAsync("q-2");
        await onBoth.WaitForRunAsync("q-2");
        Assert.Equal(["p-1", "p-2"], onP.RunIds());
        Assert.Equal(["q-1", "q-2"], onQ.RunIds());
        Assert.Equal(["p-1", "q-1", "p-2", "q-2"], onBoth.RunIds());
        Assert.Empty(onNone.Received);
        // The method name is the event's target; its one argument the event, camelCase.
        var (target, argument) = onP.Received[0];
        Assert.Equal("runFinished", target);
        Assert.Equal("p-1", argument.GetProperty("runId").GetString());
        Assert.Equal("c1", argument.GetProperty("cellIds")[0].GetString());
        Assert.Equal(12.5, argument.GetProperty("ms").GetDouble());
    }

    [Fact]
    public async Task Unsubscribing_stops_delivery_of_that_project_only()
    {
        var (p, q) = (ProjectId.New(), ProjectId.New());
        var connection = await _twin.ConnectAsync("ann");
        await Realtime.SubscribeAsync(p, connection.Id, default);
        await Realtime.SubscribeAsync(q, connection.Id, default);
        await Realtime.PublishAsync(p, new RunFinished("before", [], 1), default);
        await connection.WaitForRunAsync("before");

        await Realtime.UnsubscribeAsync(p, connection.Id, default);
        await Realtime.PublishAsync(p, new RunFinished("after", [], 1), default);
        await Realtime.PublishAsync(q, new RunFinished("other project", [], 1), default);

        await connection.WaitForRunAsync("other project");
        Assert.Equal(["before", "other project"], connection.RunIds());
    }

    [Fact]
    public async Task Subscribing_twice_delivers_once()
    {
        var p = ProjectId.New();
        var connection = await _twin.ConnectAsync("ann");
        await Realtime.SubscribeAsync(p, connection.Id, default);
        await Realtime.SubscribeAsync(p, connection.Id, default);
        await Realtime.PublishAsync(p, new RunFinished("one", [], 1), default);
        await Realtime.PublishAsync(p, new RunFinished("two", [], 1), default);

        await connection.WaitForRunAsync("two");
        Assert.Equal(["one", "two"], connection.RunIds());
    }

    [Fact]
    public async Task Disconnecting_a_user_closes_all_their_connections_and_no_one_elses()
    {
        var p = ProjectId.New();
        var first = await _twin.ConnectAsync("ann");
        var second = await _twin.ConnectAsync("ann");
        var other = await _twin.ConnectAsync("bob");
        foreach (var c in new[] { first, second, other }) await Realtime.SubscribeAsync(p, c.Id, default);

        await Realtime.DisconnectUserAsync(first.UserId, default);
        await first.Closed.WaitAsync(TimeSpan.FromSeconds(60));
        await second.Closed.WaitAsync(TimeSpan.FromSeconds(60));
        await Realtime.PublishAsync(p, new RunFinished("after", [], 1), default);

        await other.WaitForRunAsync("after");
        Assert.False(other.Closed.IsCompleted);
        Assert.Empty(first.RunIds());
        Assert.Empty(second.RunIds());
    }
}

/// <summary>One implementation of <see cref="IRealtime"/> with a way to open client connections to it.</summary>
public abstract class RealtimeTwin : IAsyncDisposable
{
    public abstract IRealtime Realtime { get; }

    /// <summary>A connected client of the named user (the twin maps names to its user ids).</summary>
    public abstract Task<TwinConnection> ConnectAsync(string userName);

    public abstract ValueTask DisposeAsync();
}

/// <summary>A client connection of a user and what it received, in order.</summary>
public sealed class TwinConnection(string id, string userId)
{
    private readonly List<(string Target, JsonElement Argument)> _received = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Id => id;

    public string UserId => userId;

    /// <summary>Completes when the server closed the connection.</summary>
    public Task Closed => _closed.Task;

    public void Close() => _closed.TrySetResult();

    public IReadOnlyList<(string Target, JsonElement Argument)> Received
    {
        get { lock (_received) return [.. _received]; }
    }

    public void Record(string target, JsonElement argument)
    {
        lock (_received) _received.Add((target, argument.Clone()));
        _arrived.Release();
    }

    public IReadOnlyList<string> RunIds() =>
        [.. Received.Where(r => r.Target == "runFinished").Select(r => r.Argument.GetProperty("runId").GetString()!)];

    public async Task WaitForRunAsync(string runId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!RunIds().Contains(runId))
        {
            try
            {
                await _arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Connection {id} did not receive run {runId}; it received: {string.Join(", ", RunIds())}");
            }
        }
    }
}
