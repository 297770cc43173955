using System.Collections.Concurrent;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Runs;

/// <summary>Local <see cref="IRunQueue"/>: one FIFO lane and one consumer task per project, so a long cell in one
/// project never delays another. A request whose run id the lane already took is ignored (runs once, as Service Bus
/// duplicate detection does for the Azure queue). Stopping the host cancels the running cells and ends every consumer.</summary>
public sealed class InProcessRunQueue(RunExecutor executor, ILogger<InProcessRunQueue> log) : IRunQueue, IHostedService, IAsyncDisposable
{
    private readonly ConcurrentDictionary<ProjectId, Lane> _lanes = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly RunExecutor _executor = executor;
    private readonly ILogger _log = log;

    public Task<RunRequest?> EnqueueAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var lane = _lanes.GetOrAdd(request.ProjectId, id => new Lane(id, this));
        return Task.FromResult(lane.Enqueue(request));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopping.IsCancellationRequested) await _stopping.CancelAsync();
        await Task.WhenAll(_lanes.Values.Select(l => l.Completion)).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    // The token source is not disposed: the host may call StopAsync after the container disposed us.
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private sealed class Lane
    {
        // Run ids taken recently (bounded), to ignore a request queued twice.
        private const int RememberedRuns = 1000;
        private readonly HashSet<string> _taken = [];
        private readonly Queue<string> _takenOrder = new();
        private readonly LinkedList<RunRequest> _waiting = new();
        private readonly SemaphoreSlim _signal = new(0);
        private readonly InProcessRunQueue _owner;
        private readonly ProjectId _projectId;

        public Lane(ProjectId projectId, InProcessRunQueue owner)
        {
            _projectId = projectId;
            _owner = owner;
            Completion = Task.Run(ConsumeAsync);
        }

        public Task Completion { get; }

        public RunRequest? Enqueue(RunRequest request)
        {
            RunRequest? superseded = null;
            lock (_waiting)
            {
                if (!_taken.Add(request.RunId)) return null;
                _takenOrder.Enqueue(request.RunId);
                if (_takenOrder.Count > RememberedRuns) _taken.Remove(_takenOrder.Dequeue());
                for (var node = _waiting.First; node is not null; node = node.Next)
                {
                    if (!node.Value.HasSameCells(request)) continue;
                    superseded = node.Value;
                    _waiting.Remove(node);
                    break;
                }
                _waiting.AddLast(request);
            }
            if (superseded is null) _signal.Release();
            return superseded;
        }

        private async Task ConsumeAsync()
        {
            var stopping = _owner._stopping.Token;
            while (!stopping.IsCancellationRequested)
            {
                try
                {
                    await _signal.WaitAsync(stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                RunRequest next;
                lock (_waiting)
                {
                    next = _waiting.First!.Value;
                    _waiting.RemoveFirst();
                }
                try
                {
                    await _owner._executor.ExecuteAsync(next, stopping);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e)
                {
                    _owner._log.LogError(e, "Run {RunId} of project {ProjectId} failed", next.RunId, _projectId);
                }
            }
        }
    }
}
