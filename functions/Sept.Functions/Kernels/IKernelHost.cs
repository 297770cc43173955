using System.Text.Json;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Kernels;

/// <summary>One live kernel per project. Local: a child process from the kernel pool.
/// Azure: a Container Apps dynamic session with identifier "p-{projectId}".</summary>
public interface IKernelHost
{
    /// <summary>Runs one cell; yields the kernel's events, ending with a <see cref="FinishedEvent"/>.
    /// Starts the project's kernel when there is none, and a fresh one when it died.</summary>
    IAsyncEnumerable<KernelEvent> ExecuteAsync(ProjectId projectId, ExecuteRequest request, CancellationToken cancellationToken);

    /// <summary>Stops the running cell (cooperatively, else by replacing the kernel). The outcome says which.</summary>
    Task<InterruptOutcome> InterruptAsync(ProjectId projectId, CancellationToken cancellationToken);

    /// <summary>Replaces the project's kernel with a fresh one; all variables are lost.</summary>
    Task RestartAsync(ProjectId projectId, CancellationToken cancellationToken);

    /// <summary>Drops the definitions of deleted cells.</summary>
    Task ForgetAsync(ProjectId projectId, IReadOnlyList<CellId> cellIds, CancellationToken cancellationToken);

    /// <summary>A page of the table a cell produced (rows offset..offset+limit); null when the cell has no table
    /// (or the kernel that held it is gone).</summary>
    Task<JsonElement?> GetTablePageAsync(ProjectId projectId, CellId cellId, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>The scalar notebook values the bindings name (a connection SQL cell's parameters); starts the
    /// project's kernel when there is none (its values are then missing).</summary>
    Task<ValuesResponse> ReadValuesAsync(ProjectId projectId, IReadOnlyDictionary<string, string> bindings, CancellationToken cancellationToken);

    /// <summary>Makes an uploaded file readable by cell code under its plain file name.</summary>
    Task PutFileAsync(ProjectId projectId, string fileName, Stream content, CancellationToken cancellationToken);

    /// <summary>Ends the project's kernel (project deleted).</summary>
    Task StopAsync(ProjectId projectId, CancellationToken cancellationToken);
}

/// <summary>Interrupted: the cell stopped and variables survive. Restarted: the kernel was replaced, variables are lost.
/// Idle: nothing was running.</summary>
public enum InterruptOutcome
{
    Idle,
    Interrupted,
    Restarted,
}
