using System.ComponentModel;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Sept.Functions.Cells;
using Sept.Functions.Locks;
using Sept.Functions.Projects;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Mcp;

public sealed record McpProject(string Id, string Name, string WorkspaceId, string Role, bool Reactive);

/// <summary>Reading and writing a notebook's cells. Reads need the viewer role, writes the editor role and an unlocked
/// cell, exactly as the HTTP routes do; writes go through <see cref="CellCommands"/>, so versions, staleness,
/// reactive re-runs and collaborators' realtime updates follow as for an edit in the browser.</summary>
[McpServerToolType]
public sealed class NotebookTools(McpProjectAccess access, NotebookReader reader, IProjectStore store, WorkspaceAccess workspaces, CellCommands commands)
{
    [McpServerTool(Name = "list_projects", ReadOnly = true), Description("The Sept projects you can open, with your role in each.")]
    public async Task<IReadOnlyList<McpProject>> ListProjectsAsync(RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var projects = new List<McpProject>();
        foreach (var membership in await workspaces.MembershipsAsync(McpProjectAccess.Caller(request), cancellationToken))
            projects.AddRange((await store.ListWorkspaceProjectsAsync(membership.Workspace.Id, cancellationToken)).Select(p =>
                new McpProject(p.Id.ToString(), p.Name, membership.Workspace.Id, membership.Role.ToString().ToLowerInvariant(), p.Reactive)));
        return projects;
    }

    [McpServerTool(Name = "list_cells", ReadOnly = true),
     Description("The cells of a project in order: id, number, kind (code = C#, sql, markdown, input, chart), state, the first line, and the names each cell writes and reads.")]
    public async Task<IReadOnlyList<McpCellSummary>> ListCellsAsync(
        RequestContext<CallToolRequestParams> request, [Description("The project id, from list_projects.")] string projectId, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(request, projectId, WorkspaceRole.Viewer, cancellationToken);
        return [.. loaded.Notebook.Cells.Select((c, i) => McpCells.Summary(loaded.Notebook.ToDto(c), i + 1))];
    }

    [McpServerTool(Name = "read_cell", ReadOnly = true),
     Description("One cell whole: its source, state, problems (compile errors, unbound names) and the text of its last outputs.")]
    public async Task<McpCell> ReadCellAsync(
        RequestContext<CallToolRequestParams> request, [Description("The project id.")] string projectId,
        [Description("The cell id, from list_cells.")] string cellId, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(request, projectId, WorkspaceRole.Viewer, cancellationToken);
        return Describe(loaded, FindCell(loaded, cellId));
    }

    [McpServerTool(Name = "add_cell", Destructive = false),
     Description("Adds a cell (editor role). In a reactive project it runs with its dependents as when a person adds it. Returns the new cell.")]
    public async Task<McpCell> AddCellAsync(
        RequestContext<CallToolRequestParams> request, [Description("The project id.")] string projectId,
        [Description("code (C#), sql, markdown, input or chart.")] string kind, [Description("The cell's text.")] string source,
        [Description("The id of the cell to insert after; omit to append at the end.")] string? afterCellId = null, CancellationToken cancellationToken = default)
    {
        var granted = await access.RequireAsync(request, projectId, WorkspaceRole.Editor, cancellationToken);
        var outcome = await commands.AddAsync(granted.Project.Id, new CreateCell(kind, source, afterCellId, null), cancellationToken);
        return await DescribeOutcomeAsync(granted, outcome, cancellationToken);
    }

    [McpServerTool(Name = "edit_cell", Destructive = true),
     Description("Replaces a cell's source (editor role; refused while another person holds the cell's lock). Its dependents become stale, or re-run in a reactive project.")]
    public async Task<McpCell> EditCellAsync(
        RequestContext<CallToolRequestParams> request, [Description("The project id.")] string projectId,
        [Description("The cell id.")] string cellId, [Description("The cell's new text, whole.")] string source, CancellationToken cancellationToken)
    {
        var granted = await access.RequireAsync(request, projectId, WorkspaceRole.Editor, cancellationToken);
        var id = McpProjectAccess.Cell(cellId);
        if (await store.GetCellAsync(granted.Project.Id, id, cancellationToken) is not { } cell)
            throw new McpException($"Cell {cellId} does not exist in project {projectId}.");
        if (CellLockGuard.Problem(cell, granted.User, "edit") is { } locked) throw new McpException(locked.ProblemDetails.Detail ?? "The cell is locked.");
        var outcome = await commands.UpdateAsync(granted.Project.Id, id, new UpdateCell(source, null), cell.Version, cancellationToken);
        return await DescribeOutcomeAsync(granted, outcome, cancellationToken);
    }

    private async Task<McpCell> DescribeOutcomeAsync(ProjectAccess.Granted granted, CellOutcome outcome, CancellationToken cancellationToken) =>
        outcome switch
        {
            CellOutcome.Done done => Describe(await LoadAsync(granted, cancellationToken), McpProjectAccess.Cell(done.Cell.Id)),
            CellOutcome.Invalid invalid => throw new McpException(invalid.Detail),
            CellOutcome.NotFound missing => throw new McpException(missing.Detail),
            CellOutcome.Stale => throw new McpException("The cell changed while you edited it; read it again and resend your edit."),
            _ => throw new McpException("The cell could not be saved."),
        };

    private async Task<LoadedNotebook> LoadAsync(
        RequestContext<CallToolRequestParams> request, string projectId, WorkspaceRole role, CancellationToken cancellationToken) =>
        await LoadAsync(await access.RequireAsync(request, projectId, role, cancellationToken), cancellationToken);

    private async Task<LoadedNotebook> LoadAsync(ProjectAccess.Granted granted, CancellationToken cancellationToken) =>
        await reader.LoadAsync(granted.Project.Id, cancellationToken) ?? throw new McpException($"Project {granted.Project.Id} does not exist.");

    internal static CellRecord FindCell(LoadedNotebook loaded, string cellId) =>
        loaded.Find(McpProjectAccess.Cell(cellId)) ?? throw new McpException($"Cell {cellId} does not exist in project {loaded.Project.Id}.");

    internal static McpCell Describe(LoadedNotebook loaded, CellRecord cell) =>
        McpCells.From(loaded.Notebook.ToDto(cell), NumberOf(loaded, cell.Id));

    /// <summary>1-based, as the notebook shows it.</summary>
    internal static int NumberOf(LoadedNotebook loaded, Sept.Notebooks.Cells.CellId id)
    {
        for (var i = 0; i < loaded.Notebook.Cells.Count; i++)
            if (loaded.Notebook.Cells[i].Id == id) return i + 1;
        return 0;
    }

    private static McpCell Describe(LoadedNotebook loaded, Sept.Notebooks.Cells.CellId id) =>
        Describe(loaded, loaded.Find(id) ?? throw new McpException($"Cell {id} does not exist."));
}
