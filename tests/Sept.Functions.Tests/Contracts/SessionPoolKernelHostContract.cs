using Microsoft.Extensions.Logging.Abstractions;
using Sept.Azure.Sessions;
using Sept.Functions.Azure;
using Sept.Functions.Kernels;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Storage.Local;
using Sept.Functions.Tests.Azure;
using Sept.Functions.Tests.Support;
using Sept.Functions.Tests.Telemetry;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Contracts;

/// <summary>The kernel host contract for Azure hosting: <see cref="SessionPoolKernelHost"/> against
/// <see cref="LocalSessionPool"/> (a real kernel process per session identifier), kernel ownership on cosmosdb-server
/// and the project's files in a folder output store.</summary>
public sealed class SessionPoolKernelHostContract : KernelHostContract
{
    protected override async Task<KernelHostTwin> StartAsync()
    {
        var cosmos = new CosmosEmulatorFixture();
        await cosmos.InitializeAsync();
        return new SessionPoolTwin(await LocalSessionPool.StartAsync(), cosmos);
    }

    private sealed class SessionPoolTwin : KernelHostTwin
    {
        private readonly LocalSessionPool _pool;
        private readonly CosmosEmulatorFixture _cosmos;
        private readonly TempFolder _outputsFolder = new();
        private readonly TelemetryRecorder _telemetry = new();

        public SessionPoolTwin(LocalSessionPool pool, CosmosEmulatorFixture cosmos)
        {
            _pool = pool;
            _cosmos = cosmos;
            var credential = new StaticTokenCredential();
            Host = new SessionPoolKernelHost(new SocketsHttpHandler(), credential, pool.Endpoint,
                new SessionPoolClient(new HttpClient(), credential, pool.Endpoint), new CosmosKernelOwnership(cosmos.Container, TimeProvider.System),
                new FolderOutputStore(_outputsFolder.Path), _telemetry.Telemetry, NullLogger<SessionPoolKernelHost>.Instance);
        }

        public override IKernelHost Host { get; }

        public override async Task StoreFileAsync(ProjectId project, string name, string content) =>
            await new FolderOutputStore(_outputsFolder.Path).PutAsync(project, $"files/{name}",
                new MemoryStream(System.Text.Encoding.UTF8.GetBytes(content)), "text/plain", default);

        public override async ValueTask DisposeAsync()
        {
            await _pool.DisposeAsync();
            await _cosmos.DisposeAsync();
            _telemetry.Dispose();
            _outputsFolder.Dispose();
        }
    }
}
