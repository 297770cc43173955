using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Sept.Azure.Sessions;
using Sept.Functions.Azure;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Storage.Local;
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

    public async Task InitializeAsync() => Kernel = await KernelProcess.StartAsync(new KernelProcessOptions { AsSessionContainer = true });

    public async Task DisposeAsync() => await Kernel.DisposeAsync();
}

public sealed class SessionPoolKernelHostTests(KernelAsSessionPool pool, CosmosEmulatorFixture cosmos)
    : IClassFixture<KernelAsSessionPool>, IClassFixture<CosmosEmulatorFixture>, IDisposable
{
    public void Dispose()
    {
        _telemetry.Dispose();
        _outputsFolder.Dispose();
    }

    private readonly RecordingTransport _transport = new();
    private readonly TelemetryRecorder _telemetry = new();
    private readonly TempFolder _outputsFolder = new();
    private readonly CosmosKernelOwnership _ownership = new(cosmos.Container, TimeProvider.System);

    private FolderOutputStore Outputs => new(_outputsFolder.Path);

    private SessionPoolKernelHost Host(KernelProcess? kernel = null) => new(_transport, new StaticTokenCredential(), (kernel ?? pool.Kernel).BaseAddress,
        new SessionPoolClient(new HttpClient(), new StaticTokenCredential(), (kernel ?? pool.Kernel).BaseAddress), _ownership,
        Outputs, _telemetry.Telemetry, NullLogger<SessionPoolKernelHost>.Instance);

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

    [Fact]
    public async Task An_uploaded_file_goes_through_the_sessions_upload_path_and_cells_open_it_by_name()
    {
        using var mount = new TempFolder();
        await using var kernel = await SessionKernelAsync(mount.Path);
        var project = ProjectId.New();
        var host = Host(kernel);

        await host.PutFileAsync(project, "notes.txt", new MemoryStream("hello from blob"u8.ToArray()), default);
        var events = await RunAsync(host, project, ReadFile("r1", "notes.txt"));

        Assert.Equal("hello from blob", Assert.Single(events.OfType<DisplayEvent>()).Data["text/plain"].GetString());
        var upload = Assert.Single(_transport.Requests, r => r.Path == "/files/upload");
        Assert.Contains($"api-version={SessionPoolKernelHost.FilesApiVersion}", upload.Query);
        Assert.Contains($"identifier=p-{project.Value:D}", upload.Query);
        Assert.StartsWith("multipart/form-data", upload.ContentType);
        Assert.Equal("hello from blob", await File.ReadAllTextAsync(Path.Combine(mount.Path, "notes.txt")));
    }

    [Fact]
    public async Task A_new_session_gets_the_projects_stored_files_before_its_first_cell()
    {
        using var mount = new TempFolder();
        await using var kernel = await SessionKernelAsync(mount.Path);
        var project = ProjectId.New();
        // Uploaded earlier, into a session that has since expired: only the output store has it.
        await Outputs.PutAsync(project, "files/data.csv", new MemoryStream("a,b\n1,2\n"u8.ToArray()), "text/csv", default);
        await Outputs.PutAsync(ProjectId.New(), "files/other.csv", new MemoryStream("x"u8.ToArray()), "text/csv", default);
        var host = Host(kernel);

        var first = await RunAsync(host, project, ReadFile("r1", "data.csv"));
        Assert.Equal("a,b\n1,2\n", Assert.Single(first.OfType<DisplayEvent>()).Data["text/plain"].GetString());
        Assert.False(File.Exists(Path.Combine(mount.Path, "other.csv")));
        Assert.Single(_telemetry.Of("sept.kernel.starts"));

        // The session is no longer new: the next cell copies nothing.
        await RunAsync(host, project, ReadFile("r2", "data.csv"));
        Assert.Single(_transport.Requests, r => r.Path == "/files/upload");
    }

    private static ExecuteRequest ReadFile(string runId, string name) =>
        new(runId, CellId.New().ToString(), "code", $"System.IO.File.ReadAllText(\"{name}\")", new Dictionary<string, string>());

    // A kernel as the session image runs it: its files directory (the session's /mnt/data) is its working directory.
    private static Task<KernelProcess> SessionKernelAsync(string mount)
    {
        var options = new KernelProcessOptions { AsSessionContainer = true };
        options.KernelSettings["FilesDirectory"] = mount;
        return KernelProcess.StartAsync(options);
    }

    private static async Task<List<KernelEvent>> RunAsync(SessionPoolKernelHost host, ProjectId project, ExecuteRequest request) =>
        await host.ExecuteAsync(project, request, default).ToListAsync();

    private sealed class RecordingTransport() : DelegatingHandler(new SocketsHttpHandler())
    {
        public ConcurrentQueue<(string Path, string Query, string? Authorization, string? ContentType)> Requests { get; } = new();

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Enqueue((request.RequestUri!.AbsolutePath, request.RequestUri.Query, request.Headers.Authorization?.ToString(),
                request.Content?.Headers.ContentType?.ToString()));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
