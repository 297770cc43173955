using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sept.Functions.Runs;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Contracts;

/// <summary>The run queue contract for local hosting: <see cref="InProcessRunQueue"/>.</summary>
public sealed class InProcessRunQueueContract : RunQueueContract
{
    protected override Task<RunQueueTwin> StartAsync(ScriptedKernel kernel) => Task.FromResult<RunQueueTwin>(new InProcessTwin(kernel));

    private sealed class InProcessTwin : RunQueueTwin
    {
        private readonly TwinApplication _app;

        public InProcessTwin(ScriptedKernel kernel)
        {
            _app = new TwinApplication(kernel);
            Api = new ApiClient(_app.CreateClient());
        }

        public override ApiClient Api { get; }

        public override RecordingRealtime Realtime => _app.Realtime;

        public override void RepeatNextRun(string projectId) => Queue.RepeatNext(projectId);

        public override int Handovers(string runId) => Queue.Handovers(runId);

        private RepeatingRunQueue Queue => (RepeatingRunQueue)_app.Services.GetRequiredService<IRunQueue>();

        public override ValueTask DisposeAsync() => _app.DisposeAsync();
    }

    private sealed class TwinApplication(ScriptedKernel kernel) : SeptApplication(_ => kernel)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Replace(
                ServiceDescriptor.Singleton<IRunQueue>(sp => new RepeatingRunQueue(sp.GetRequiredService<InProcessRunQueue>()))));
        }
    }

    /// <summary>Passes requests on to the real queue; when armed, passes the project's next request on twice.</summary>
    private sealed class RepeatingRunQueue(InProcessRunQueue inner) : IRunQueue
    {
        private readonly ConcurrentDictionary<string, int> _handovers = new();
        private readonly ConcurrentDictionary<string, byte> _repeat = new();

        public void RepeatNext(string projectId) => _repeat[projectId] = 0;

        public int Handovers(string runId) => _handovers.GetValueOrDefault(runId);

        public async Task<RunRequest?> EnqueueAsync(RunRequest request, CancellationToken cancellationToken)
        {
            var replaced = await HandOverAsync(request, cancellationToken);
            if (_repeat.TryRemove(request.ProjectId.ToString(), out _)) await HandOverAsync(request, cancellationToken);
            return replaced;
        }

        private Task<RunRequest?> HandOverAsync(RunRequest request, CancellationToken cancellationToken)
        {
            _handovers.AddOrUpdate(request.RunId, 1, (_, n) => n + 1);
            return inner.EnqueueAsync(request, cancellationToken);
        }
    }
}
