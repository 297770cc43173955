using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Sept.Azure.Sessions;
using Sept.Functions.Azure;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Tests.Support;
using Sept.Functions.Tests.Telemetry;
using Sept.Kernel.Hosting;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Azure;

/// <summary>A real kernel process stands in for the session pool (the pool forwards every path to the container
/// unchanged, ?identifier= included), with the ownership document on cosmosdb-server.</summary>
public sealed class KernelAsSessionPool : IAsyncLifetime
{
    public KernelProcess Kernel { get; private set; } = null!;

    public async Task InitializeAsync() => Kernel = await KernelProcess.StartAsync(new KernelProcessOptions());

    public async Task DisposeAsync() => await Kernel.DisposeAsync();
}

public sealed class SessionPoolKernelHostTests(KernelAsSessionPool pool, CosmosEmulatorFixture cosmos)
    : IClassFixture<KernelAsSessionPool>, IClassFixture<CosmosEmulatorFixture>, IDisposable
{
    public void Dispose() => _telemetry.Dispose();

    private readonly RecordingTransport _transport = new();
    private readonly TelemetryRecorder _telemetry = new();
    private readonly CosmosKernelOwnership _ownership = new(cosmos.Container, TimeProvider.System);

    private SessionPoolKernelHost Host() => new(_transport, new StaticTokenCredential(), pool.Kernel.BaseAddress,
        new SessionPoolClient(new HttpClient(), new StaticTokenCredential(), pool.Kernel.BaseAddress), _ownership,
        _telemetry.Telemetry, NullLogger<SessionPoolKernelHost>.Instance);

    [Fact]
    public async Task Cells_run_in_the_projects_session_under_a_claimed_generation()
    {
        var project = ProjectId.New();
        var host = Host();
        var define = CellId.New().ToString();
        await RunAsync(host, project, new ExecuteRequest("r1", define, "code", "var fortyOne = 41;", new Dictionary<string, string>()));
        var events = await RunAsync(host, project,
            new ExecuteRequest("r2", CellId.New().ToString(), "code", "fortyOne + 1", new Dictionary<string, string> { ["fortyOne"] = define }));

        Assert.Equal(RunStatus.Success, events.OfType<FinishedEvent>().Single().Status);
        Assert.Equal("42", events.OfType<DisplayEvent>().Single().Data["text/plain"].GetString());
        var state = (await _ownership.GetAsync(project, default))!;
        Assert.Equal(("idle", 2L), (state.Status, state.ExecCount));
        Assert.All(_transport.Requests, r =>
        {
            Assert.Contains($"identifier=p-{project.Value:D}", r.Query);
            Assert.Equal("Bearer test-token", r.Authorization);
        });

        // The kernel saw the claimed generation: a request from an older owner is refused.
        var stale = await pool.Kernel.Client.ExecuteAsync(
            new ExecuteRequest("r0", CellId.New().ToString(), "code", "1", new Dictionary<string, string>(), Generation: state.Generation - 1)).ToListAsync();
        Assert.Equal("KernelRejected", stale.OfType<ErrorEvent>().Single().Ename);
    }

    [Fact]
    public async Task Restarting_stops_the_session_and_a_missing_session_counts_as_stopped()
    {
        await Host().RestartAsync(ProjectId.New(), default);
        Assert.Equal("requested", Assert.Single(_telemetry.Of("sept.kernel.restarts")).Tags["sept.kernel.restart_reason"]);
    }

    private static async Task<List<KernelEvent>> RunAsync(SessionPoolKernelHost host, ProjectId project, ExecuteRequest request) =>
        await host.ExecuteAsync(project, request, default).ToListAsync();

    private sealed class RecordingTransport() : DelegatingHandler(new SocketsHttpHandler())
    {
        public ConcurrentQueue<(string Query, string? Authorization)> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Enqueue((request.RequestUri!.Query, request.Headers.Authorization?.ToString()));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
