using Sept.Functions.Cells;
using Sept.Functions.Projects;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Kernels;

/// <summary>Restarts a project's kernel and marks every cell that had run as stale (its values are gone).</summary>
public sealed class KernelRestarter(IProjectStore store, IKernelHost kernels, NotebookReader reader, CellCommands cells)
{
    public async Task<bool> RestartAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        if (await store.GetProjectAsync(projectId, cancellationToken) is null) return false;
        await kernels.RestartAsync(projectId, cancellationToken);
        if (await reader.LoadAsync(projectId, cancellationToken) is { } loaded)
            await cells.MarkStaleAsync(loaded, [.. loaded.Notebook.Cells.Select(c => c.Id)], cancellationToken);
        return true;
    }
}
