using Sept.Notebooks.Cells;

namespace Sept.Functions.Cells;

/// <summary>Keeps the analysis cache to live cells.</summary>
public sealed class AnalysisCacheObserver(NotebookAnalysis analysis) : ICellObserver
{
    public Task CellSavedAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task CellDeletedAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken)
    {
        analysis.Forget(cellId);
        return Task.CompletedTask;
    }
}
