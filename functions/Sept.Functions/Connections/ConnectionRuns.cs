using System.Collections.Concurrent;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Connections;

/// <summary>The connection query each project is running in this app instance, so an interrupt cancels it on the
/// server (the kernel is idle meanwhile, so the kernel's own interrupt would find nothing to stop).</summary>
public sealed class ConnectionRuns
{
    private readonly ConcurrentDictionary<ProjectId, CancellationTokenSource> _running = new();

    /// <summary>A token that ends with <paramref name="cancellationToken"/> or an interrupt; dispose it when the query ends.</summary>
    public Running Start(ProjectId projectId, CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _running[projectId] = source;
        return new Running(this, projectId, source);
    }

    /// <summary>True when a query was running and is now cancelled.</summary>
    public bool Interrupt(ProjectId projectId)
    {
        if (!_running.TryRemove(projectId, out var source)) return false;
        source.Cancel();
        return true;
    }

    public sealed class Running(ConnectionRuns runs, ProjectId projectId, CancellationTokenSource source) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public bool Interrupted => source.IsCancellationRequested;

        public void Dispose()
        {
            runs._running.TryRemove(new KeyValuePair<ProjectId, CancellationTokenSource>(projectId, source));
            source.Dispose();
        }
    }
}
