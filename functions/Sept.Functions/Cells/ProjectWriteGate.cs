using System.Collections.Concurrent;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Cells;

/// <summary>One writer of a project's cells at a time: a version restore holds it from taking the undo version to
/// writing the last cell, and cell commands hold it for their write, so an edit acknowledged while a restore runs
/// lands either before the undo version (and is in it) or after the restore (and is kept, or gets 412 for its
/// stale version). Per app instance: with several instances (Azure), restore's per-cell version checks still turn a
/// concurrent edit into a 409 for the restore, never a silent loss (see VersionRestore).</summary>
public sealed class ProjectWriteGate
{
    private readonly ConcurrentDictionary<ProjectId, SemaphoreSlim> _gates = new();

    public async Task<IDisposable> EnterAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        var gate = _gates.GetOrAdd(projectId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release();
        }
    }
}
