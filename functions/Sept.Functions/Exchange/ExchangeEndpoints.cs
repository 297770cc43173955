using Microsoft.Extensions.Options;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Projects;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Exchange;

/// <summary>GET /api/projects/{id}/export?format=ipynb|cs and POST /api/projects/import?format=&amp;name=
/// (the file as the raw body, or as a multipart "file" part).</summary>
public static class ExchangeEndpoints
{
    public const int MaxImportBytes = 20 * 1024 * 1024;

    public static IEndpointRouteBuilder MapExchange(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/projects/{projectId}/export", ExportAsync).RequireProjectRole(WorkspaceRole.Viewer);
        routes.MapPost("/api/projects/import", ImportAsync).WithMetadata(new OwnBodyLimit());
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportAsync(
        string projectId, NotebookReader reader, CancellationToken cancellationToken, string format = "ipynb")
    {
        if (RouteIds.Project(projectId) is not { } id || await reader.LoadAsync(id, cancellationToken) is not { } loaded)
            return Problems.NotFound($"Project {projectId} does not exist.");
        var notebook = new NotebookFile(loaded.Project.Name, loaded.Project.Reactive, [.. loaded.Notebook.Cells.Select(c =>
            new NotebookFileCell(c.Kind, c.Source, c.Config, c.Run.Outputs, c.Run.ExecutionCount, c.Id.ToString()))]);
        var baseName = SafeFileName(loaded.Project.Name);
        return format switch
        {
            "ipynb" => TypedResults.File(Encoding.UTF8.GetBytes(IpynbExport.Write(notebook)), "application/x-ipynb+json", $"{baseName}.ipynb"),
            "cs" => TypedResults.File(Encoding.UTF8.GetBytes(CsFileExport.Write(notebook)), "text/x-csharp", $"{baseName}.cs"),
            _ => Problems.BadRequest($"format must be ipynb or cs (got '{format}')."),
        };
    }

    private static async Task<Results<Created<ProjectDto>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, IProjectStore store, NotebookReader reader, TimeProvider clock, IOptions<SeptOptions> options,
        CancellationToken cancellationToken,
        string? format = null, string? name = null, string? workspaceId = null)
    {
        var (target, problem) = await ProjectPlacement.ResolveAsync(request.HttpContext, workspaceId, cancellationToken);
        if (target is null) return problem!;
        if (request.ContentLength > MaxImportBytes)
            return Problems.Problem(StatusCodes.Status413PayloadTooLarge, "Import too large", $"Files may be at most {MaxImportBytes} bytes.");
        var (text, fileName) = await ReadBodyAsync(request, cancellationToken);
        if (text is null) return Problems.BadRequest("Send the notebook as the request body or as a multipart 'file' part.");
        if (text.Length > MaxImportBytes)
            return Problems.Problem(StatusCodes.Status413PayloadTooLarge, "Import too large", $"Files may be at most {MaxImportBytes} bytes.");
        format ??= fileName?.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) == true || !text.TrimStart().StartsWith('{') ? "cs" : "ipynb";
        var fallback = name ?? (fileName is null ? "Imported" : Path.GetFileNameWithoutExtension(fileName));
        var result = format switch
        {
            "ipynb" => IpynbImport.Read(text, fallback),
            "cs" => CsFileImport.Read(text, fallback),
            _ => ImportResult.Fail($"format must be ipynb or cs (got '{format}')."),
        };
        if (result.Notebook is not { } notebook) return Problems.BadRequest(result.Problem!);
        var maxCells = options.Value.MaxCellsPerProject;
        if (notebook.Cells.Count > maxCells)
            return Problems.Problem(StatusCodes.Status413PayloadTooLarge, "Too many cells",
                $"The notebook has {notebook.Cells.Count} cells; a project may have at most {maxCells} (Sept:MaxCellsPerProject).");
        if (notebook.Cells.Any(c => c.Source.Length > Cells.CellCommands.MaxSourceLength))
            return Problems.Problem(StatusCodes.Status413PayloadTooLarge, "Cell too large", "A cell's source is over 1 MB.");
        var projectId = await CreateAsync(store, clock, notebook with { Name = name ?? notebook.Name }, target.Workspace.Id, cancellationToken);
        return TypedResults.Created($"/api/projects/{projectId}", (await reader.GetAsync(projectId, cancellationToken))! with { Role = target.Role });
    }

    private static async Task<ProjectId> CreateAsync(
        IProjectStore store, TimeProvider clock, NotebookFile notebook, string workspaceId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var name = string.IsNullOrWhiteSpace(notebook.Name) ? "Imported" : notebook.Name.Trim()[..Math.Min(notebook.Name.Trim().Length, ProjectEndpoints.MaxNameLength)];
        var project = ((SaveOutcome<ProjectRecord>.Saved)await store.CreateProjectAsync(
            new ProjectRecord(ProjectId.New(), name, notebook.Reactive, 1, now, now, workspaceId), cancellationToken)).Value;
        OrderKey? previous = null;
        var used = new HashSet<CellId>();
        foreach (var cell in notebook.Cells)
        {
            var order = OrderKey.After(previous);
            previous = order;
            var id = CellId.TryParse(cell.Id, out var parsed) && used.Add(parsed) ? parsed : CellId.New();
            used.Add(id);
            // Imported outputs were not produced by this project's kernel: show them, but as stale.
            var run = cell.Outputs.Count > 0 ? new CellRun(CellState.Stale, cell.Outputs, cell.ExecutionCount, null) : CellRun.Idle;
            await store.AddCellAsync(new CellRecord(project.Id, id, cell.Kind, cell.Source, cell.Config, order, 1, 1, CellRun.Idle, now), cancellationToken);
            if (run != CellRun.Idle) await store.SaveRunStateAsync(project.Id, id, run, cancellationToken);
        }
        return project.Id;
    }

    private static async Task<(string? Text, string? FileName)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            if (form.Files.FirstOrDefault() is not { } file) return (null, null);
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            return (await reader.ReadToEndAsync(cancellationToken), file.FileName);
        }
        using var body = new StreamReader(request.Body, Encoding.UTF8);
        var text = await body.ReadToEndAsync(cancellationToken);
        return (text.Length == 0 ? null : text, null);
    }

    private static string SafeFileName(string name)
    {
        var safe = new string([.. name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-')]).Trim('-');
        return safe.Length == 0 ? "notebook" : safe;
    }
}
