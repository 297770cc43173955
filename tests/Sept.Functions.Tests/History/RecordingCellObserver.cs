using System.Collections.Concurrent;
using Sept.Functions.Cells;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.History;

/// <summary>Stands in for per-cell data such as comments: keeps what it was told.</summary>
public sealed class RecordingCellObserver : ICellObserver
{
    private readonly ConcurrentQueue<(ProjectId Project, string What, CellId Cell)> _calls = new();

    public IReadOnlyList<(string What, CellId Cell)> CallsOf(ProjectId projectId) =>
        [.. _calls.Where(c => c.Project == projectId).Select(c => (c.What, c.Cell))];

    public Task CellSavedAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken)
    {
        _calls.Enqueue((projectId, "saved", cellId));
        return Task.CompletedTask;
    }

    public Task CellDeletedAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken)
    {
        _calls.Enqueue((projectId, "deleted", cellId));
        return Task.CompletedTask;
    }
}
