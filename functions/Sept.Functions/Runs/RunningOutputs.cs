using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Runs;

/// <summary>Keeps a running cell's outputs so far on the stored cell, so a reload or a collaborator who opens the
/// project mid-run gets them from GET and then follows the live stream (the stored <see cref="CellRun.OutputSequence"/>
/// tells it which streamed events it already has). The first output is saved at once, later ones at most once per
/// <see cref="Interval"/>, and a trailing save catches what was printed just before a long pause.
/// <see cref="CompleteAsync"/> must be awaited before the cell's final state is saved, so no late save overwrites it.</summary>
public sealed class RunningOutputs(
    IProjectStore store, TimeProvider clock, ILogger log, ProjectId projectId, CellId cellId, CellRun running)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _closing = new();
    private (IReadOnlyList<CellOutput> Outputs, int Sequence)? _latest;
    private int _savedSequence;
    private long? _lastSave;
    private Task _trailing = Task.CompletedTask;

    /// <summary>Records the cell's kept outputs after <paramref name="sequence"/> streamed events; saves them when due.</summary>
    public async Task OutputAsync(IReadOnlyList<CellOutput> kept, int sequence, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_closing.IsCancellationRequested) return;
            _latest = ([.. kept], sequence);
            var wait = _lastSave is { } last ? Interval - clock.GetElapsedTime(last) : TimeSpan.Zero;
            if (wait <= TimeSpan.Zero) await SaveLatestAsync(cancellationToken);
            else if (_trailing.IsCompleted) _trailing = SaveLaterAsync(wait);
        }
        finally { _gate.Release(); }
    }

    /// <summary>Stops saving; waits for a save in flight. Call before saving the cell's final run state.</summary>
    public async Task CompleteAsync()
    {
        await _gate.WaitAsync();
        try { _closing.Cancel(); }
        finally { _gate.Release(); }
        await _trailing;
    }

    private async Task SaveLaterAsync(TimeSpan wait)
    {
        try
        {
            await Task.Delay(wait, clock, _closing.Token);
            await _gate.WaitAsync(_closing.Token);
            try { if (!_closing.IsCancellationRequested) await SaveLatestAsync(_closing.Token); }
            finally { _gate.Release(); }
        }
        catch (OperationCanceledException) { }
    }

    private async Task SaveLatestAsync(CancellationToken cancellationToken)
    {
        if (_latest is not { } latest || latest.Sequence == _savedSequence) return;
        _lastSave = clock.GetTimestamp();
        _savedSequence = latest.Sequence;
        try
        {
            await store.SaveRunStateAsync(projectId, cellId, running with { Outputs = latest.Outputs, OutputSequence = latest.Sequence }, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Only late joiners miss these outputs until the next save; the run and its live stream go on.
            log.LogWarning(e, "Could not save the outputs so far of running cell {CellId} of project {ProjectId}", cellId, projectId);
        }
    }
}
