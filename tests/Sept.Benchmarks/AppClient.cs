using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace Sept.Benchmarks;

/// <summary>The app as a browser sees it: JSON over HTTP plus one SignalR connection that joins each project's group
/// (negotiate, then POST .../subscriptions, per docs/api.md). Waiters complete on runFinished by run id and on a
/// cell's next "success"/"error" cellUpdated.</summary>
internal sealed class AppClient : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _runs = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> _cellResults = new();
    private readonly ConcurrentDictionary<string, int> _eventCounts = new();
    private HubConnection? _connection;

    public AppClient(Uri baseAddress)
    {
        Http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = baseAddress, Timeout = Timeout };
    }

    public HttpClient Http { get; }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        using var negotiate = await Http.PostAsync("/api/negotiate", null, cancellationToken);
        negotiate.EnsureSuccessStatusCode();
        var url = (await negotiate.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("url").GetString()!;
        _connection = new HubConnectionBuilder().WithUrl(url).Build();
        _connection.On<JsonElement>("runFinished", payload =>
        {
            Count("runFinished");
            Waiter(_runs, payload.GetProperty("runId").GetString()!).TrySetResult(payload);
        });
        _connection.On<JsonElement>("cellUpdated", payload =>
        {
            Count("cellUpdated");
            var cell = payload.GetProperty("cell");
            if (cell.GetProperty("state").GetString() is "success" or "error"
                && _cellResults.TryRemove(cell.GetProperty("id").GetString()!, out var waiter))
                waiter.TrySetResult(cell);
        });
        _connection.On<JsonElement>("cellOutput", _ => Count("cellOutput"));
        _connection.On<JsonElement>("projectChanged", _ => Count("projectChanged"));
        await _connection.StartAsync(cancellationToken);
    }

    public async Task SubscribeAsync(string projectId, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync($"/api/projects/{projectId}/subscriptions",
            new { connectionId = _connection!.ConnectionId }, cancellationToken);
        await EnsureAsync(response, "subscribe");
    }

    /// <summary>Events received so far, by SignalR method name.</summary>
    public IReadOnlyDictionary<string, int> EventCounts() => new Dictionary<string, int>(_eventCounts);

    public async Task<string> CreateProjectAsync(string name, bool reactive, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync("/api/projects", new { name, reactive }, cancellationToken);
        return (await ReadAsync(response, "create project")).GetProperty("id").GetString()!;
    }

    /// <summary>Adds a code cell at the end; returns its id and version.</summary>
    public async Task<(string Id, long Version)> AddCellAsync(string projectId, string source, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync($"/api/projects/{projectId}/cells", new { kind = "code", source }, cancellationToken);
        var cell = await ReadAsync(response, "add cell");
        return (cell.GetProperty("id").GetString()!, cell.GetProperty("version").GetInt64());
    }

    /// <summary>Edits a cell's source with If-Match; returns the new version.</summary>
    public async Task<long> EditCellAsync(string projectId, string cellId, long version, string source, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/projects/{projectId}/cells/{cellId}")
        {
            Content = JsonContent.Create(new { source }),
        };
        request.Headers.TryAddWithoutValidation("If-Match", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var response = await Http.SendAsync(request, cancellationToken);
        return (await ReadAsync(response, "edit cell")).GetProperty("version").GetInt64();
    }

    /// <summary>POSTs a run; returns the run id and the number of planned cells.</summary>
    public async Task<(string RunId, int Cells)> RunAsync(string projectId, string mode, string[] cellIds, CancellationToken cancellationToken)
    {
        using var response = await Http.PostAsJsonAsync($"/api/projects/{projectId}/runs", new { cellIds, mode }, cancellationToken);
        var run = await ReadAsync(response, "run");
        return (run.GetProperty("runId").GetString()!, run.GetProperty("cellIds").GetArrayLength());
    }

    /// <summary>Completes with the runFinished payload (it may have arrived before the 202 did).</summary>
    public Task<JsonElement> RunFinishedAsync(string runId) => Waiter(_runs, runId).Task.WaitAsync(Timeout);

    /// <summary>Arm before starting the run: completes on the cell's next success/error cellUpdated.</summary>
    public Task<JsonElement> NextResultAsync(string cellId) => Waiter(_cellResults, cellId).Task.WaitAsync(Timeout);

    public async Task DeleteProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        using var response = await Http.DeleteAsync($"/api/projects/{projectId}", cancellationToken);
        await EnsureAsync(response, "delete project");
    }

    private void Count(string target) => _eventCounts.AddOrUpdate(target, 1, (_, n) => n + 1);

    private static TaskCompletionSource<JsonElement> Waiter(ConcurrentDictionary<string, TaskCompletionSource<JsonElement>> waiters, string key) =>
        waiters.GetOrAdd(key, _ => new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously));

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string what)
    {
        await EnsureAsync(response, what);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        Http.Dispose();
    }
}
