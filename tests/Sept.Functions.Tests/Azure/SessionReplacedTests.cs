using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Sept.Azure.Sessions;
using Sept.Functions.Azure;
using Sept.Functions.Kernels;
using Sept.Functions.Realtime;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Storage.Local;
using Sept.Functions.Tests.Support;
using Sept.Functions.Tests.Telemetry;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Azure;

/// <summary>An Azure session that is new (first use, expired, destroyed) holds no variables: the host says so before
/// the first cell runs in it, and the app then shows the cells that had results as stale.</summary>
public sealed class SessionReplacedTests : IAsyncLifetime
{
    private readonly CosmosEmulatorFixture _cosmos = new();
    private readonly TempFolder _outputs = new();
    private readonly TelemetryRecorder _telemetry = new();
    private readonly List<ProjectId> _replaced = [];
    private LocalSessionPool _pool = null!;

    public async Task InitializeAsync()
    {
        await _cosmos.InitializeAsync();
        _pool = await LocalSessionPool.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _pool.DisposeAsync();
        await _cosmos.DisposeAsync();
        _telemetry.Dispose();
        _outputs.Dispose();
    }

    [Fact]
    public async Task A_new_session_is_reported_before_its_first_cell_and_again_after_the_session_was_destroyed()
    {
        var credential = new StaticTokenCredential();
        var host = new SessionPoolKernelHost(new SocketsHttpHandler(), credential, _pool.Endpoint,
            new SessionPoolClient(new HttpClient(), credential, _pool.Endpoint), new CosmosKernelOwnership(_cosmos.Container, TimeProvider.System),
            new FolderOutputStore(_outputs.Path), _telemetry.Telemetry, NullLogger<SessionPoolKernelHost>.Instance,
            (project, _) => { lock (_replaced) _replaced.Add(project); return Task.CompletedTask; });
        var project = ProjectId.New();

        await RunAsync(host, project, "var a = 1;");
        await RunAsync(host, project, "var b = 2;");
        Assert.Equal([project], _replaced);

        await host.RestartAsync(project, default);
        await RunAsync(host, project, "var c = 3;");
        Assert.Equal([project, project], _replaced);
    }

    [Fact]
    public async Task Cells_that_showed_results_and_their_dependents_become_stale_when_the_kernel_is_replaced()
    {
        using var app = new SeptApplication(_ => new ScriptedKernel());
        var api = new ApiClient(app.CreateClient());
        var project = await api.CreateProjectAsync("expired", reactive: false);
        var a = await api.AddCellAsync(project.Id, "code", "var a = 1;");
        var b = await api.AddCellAsync(project.Id, "code", "var b = a + 1;");
        var never = await api.AddCellAsync(project.Id, "code", "var n = 3;");
        var id = ProjectId.Parse(project.Id);
        var run = await api.RunAsync(project.Id, "cell", a.Id, b.Id);
        await app.Realtime.WaitForAsync<RunFinished>(id, e => e.RunId == run.RunId);

        await app.Services.GetRequiredService<KernelRestoreHandler>().KernelReplacedAsync(id, default);

        var cells = (await api.GetProjectAsync(project.Id)).Cells!.ToDictionary(c => c.Id, c => c.State);
        Assert.Equal("stale", cells[a.Id]);
        Assert.Equal("stale", cells[b.Id]);
        Assert.Equal("idle", cells[never.Id]);
        await app.Realtime.WaitForAsync<CellUpdated>(id, e => e.Cell.Id == b.Id && e.Cell.State == "stale");
    }

    private static async Task RunAsync(SessionPoolKernelHost host, ProjectId project, string source)
    {
        var request = new ExecuteRequest(Guid.NewGuid().ToString("N"), CellId.New().ToString(), "code", source, new Dictionary<string, string>());
        await foreach (var kernelEvent in host.ExecuteAsync(project, request, default))
            if (kernelEvent is FinishedEvent finished) Assert.Equal(RunStatus.Success, finished.Status);
    }
}
