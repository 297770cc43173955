using System.ComponentModel;
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Sept.Functions.Kernels;
using Sept.Functions.Projects;
using Sept.Functions.Runs;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Planning;

namespace Sept.Functions.Mcp;

public sealed record McpRunResult(string RunId, bool Finished, IReadOnlyList<McpCell> Cells);

/// <summary>Running cells and reading their results. A run goes through the project's queue like one started in the
/// browser (collaborators see it live); the tool waits for it by reading the cells' stored states, which works the
/// same when another instance runs it (Azure hosting).</summary>
[McpServerToolType]
public sealed class RunTools(McpProjectAccess access, NotebookReader reader, RunStarter starter, IKernelHost kernels, TimeProvider clock)
{
    public const int MaxWaitSeconds = 300;
    public const int MaxRows = 500;
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    [McpServerTool(Name = "run_cell", Destructive = false),
     Description("Runs a cell (editor role) and waits for it: with mode 'cell' (default) the cell, plus its dependents in a reactive project; 'downstream' the cell and everything that depends on it; 'all' every cell. Returns each run cell's state and output.")]
    public async Task<McpRunResult> RunCellAsync(
        RequestContext<CallToolRequestParams> request, [Description("The project id.")] string projectId,
        [Description("The cell id; ignored with mode 'all'.")] string? cellId = null,
        [Description("cell, downstream or all.")] string? mode = null,
        [Description("How long to wait for the run, 1..300 seconds (default 60); the run goes on if the wait ends first.")] int? waitSeconds = null,
        CancellationToken cancellationToken = default)
    {
        var granted = await access.RequireAsync(request, projectId, WorkspaceRole.Editor, cancellationToken);
        var runMode = mode is null ? RunMode.Cell : Enum.TryParse<RunMode>(mode, ignoreCase: true, out var parsed) && parsed is RunMode.Cell or RunMode.Downstream or RunMode.All
            ? parsed : throw new McpException($"mode must be cell, downstream or all (got '{mode}').");
        var wait = waitSeconds ?? 60;
        if (wait is < 1 or > MaxWaitSeconds) throw new McpException($"waitSeconds must be 1..{MaxWaitSeconds}.");
        var loaded = await LoadAsync(granted, cancellationToken);
        var cells = runMode == RunMode.All ? null : new[] { cellId ?? throw new McpException($"mode '{runMode.ToString().ToLowerInvariant()}' needs a cellId.") };
        var (started, problem) = await starter.StartAsync(loaded, new StartRun(cells, runMode), "requested", cancellationToken);
        if (started is null) throw new McpException(problem!);
        var deadline = clock.GetUtcNow().AddSeconds(wait);
        while (true)
        {
            loaded = await LoadAsync(granted, cancellationToken);
            var ran = started.CellIds.Select(id => loaded.Find(CellId.Parse(id))).OfType<CellRecord>().ToList();
            var finished = ran.All(c => c.Run.State is not (CellState.Queued or CellState.Running));
            if (finished || clock.GetUtcNow() >= deadline)
                return new McpRunResult(started.RunId, finished, [.. ran.Select(c => NotebookTools.Describe(loaded, c))]);
            await Task.Delay(Poll, clock, cancellationToken);
        }
    }

    [McpServerTool(Name = "get_table", ReadOnly = true),
     Description("A page of rows of a cell's table result (a SQL cell, or a C# cell whose value is a collection) from the project's running kernel: columns with types, and rows.")]
    public async Task<JsonElement> GetTableAsync(
        RequestContext<CallToolRequestParams> request, [Description("The project id.")] string projectId,
        [Description("The cell id.")] string cellId, [Description("The first row, from 0.")] int? offset = null,
        [Description("How many rows, 1..500 (default 100).")] int? limit = null, CancellationToken cancellationToken = default)
    {
        var granted = await access.RequireAsync(request, projectId, WorkspaceRole.Viewer, cancellationToken);
        var (from, count) = (offset ?? 0, limit ?? 100);
        if (from < 0 || count is < 1 or > MaxRows) throw new McpException($"offset must be >= 0 and limit 1..{MaxRows}.");
        var cell = NotebookTools.FindCell(await LoadAsync(granted, cancellationToken), cellId);
        return await kernels.GetTablePageAsync(granted.Project.Id, cell.Id, from, count, cancellationToken)
            ?? throw new McpException($"Cell {cellId} has no table result in the running kernel; run it first.");
    }

    private async Task<LoadedNotebook> LoadAsync(ProjectAccess.Granted granted, CancellationToken cancellationToken) =>
        await reader.LoadAsync(granted.Project.Id, cancellationToken) ?? throw new McpException($"Project {granted.Project.Id} does not exist.");
}
