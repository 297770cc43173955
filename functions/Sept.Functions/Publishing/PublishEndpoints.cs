using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Projects;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Publishing;

/// <summary>GET /api/projects/{projectId}/export/html and /export/pdf: the project (or its app view) as one
/// self-contained HTML file, or that file printed to PDF. Query: code=show|hide (default show), view=notebook|app.</summary>
public static class PublishEndpoints
{
    public static IEndpointRouteBuilder MapPublishing(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/projects/{projectId}/export");
        group.MapGet("/html", HtmlAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapGet("/pdf", PdfAsync).RequireProjectRole(WorkspaceRole.Viewer);
        return routes;
    }

    public static IServiceCollection AddPublishing(this IServiceCollection services)
    {
        services.AddOptions<ExportOptions>().BindConfiguration(ExportOptions.Section);
        services.AddSingleton<ExportAssets>();
        services.AddSingleton<HtmlExport>();
        return services.AddSingleton<PdfPrinter>();
    }

    private static async Task<IResult> HtmlAsync(
        string? code, string? view, HttpContext http, NotebookReader reader, HtmlExport export, CancellationToken cancellationToken)
    {
        if (Parse(code, view) is not { } request) return BadQuery();
        if (await reader.GetAsync(http.Access().Project.Id, cancellationToken) is not { } project)
            return Problems.NotFound($"Project {http.Access().Project.Id} does not exist.");
        return TypedResults.File(Encoding.UTF8.GetBytes(export.Render(project, request)), "text/html; charset=utf-8", FileName(project, request, "html"));
    }

    private static async Task<IResult> PdfAsync(
        string? code, string? view, HttpContext http, NotebookReader reader, HtmlExport export, PdfPrinter printer, CancellationToken cancellationToken)
    {
        if (Parse(code, view) is not { } request) return BadQuery();
        if (await reader.GetAsync(http.Access().Project.Id, cancellationToken) is not { } project)
            return Problems.NotFound($"Project {http.Access().Project.Id} does not exist.");
        try
        {
            var pdf = await printer.PrintAsync(export.Render(project, request), cancellationToken);
            return TypedResults.File(pdf, "application/pdf", FileName(project, request, "pdf"));
        }
        catch (PdfPrintException e)
        {
            return Problems.Problem(StatusCodes.Status503ServiceUnavailable, "PDF export unavailable", e.Message);
        }
    }

    private static HtmlExportRequest? Parse(string? code, string? view)
    {
        if (code is not (null or "show" or "hide") || view is not (null or "notebook" or "app")) return null;
        return new HtmlExportRequest(ShowCode: code != "hide", AppView: view == "app");
    }

    private static ProblemHttpResult BadQuery() =>
        Problems.BadRequest("code must be show or hide, and view must be notebook or app (both optional).");

    /// <summary>The project name with characters file systems refuse replaced, plus " (app)" for the app view.</summary>
    private static string FileName(ProjectDto project, HtmlExportRequest request, string extension)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['"', '\\', '/', ':', '*', '?', '<', '>', '|']).ToHashSet();
        var name = new string([.. project.Name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]).Trim();
        return $"{(name.Length > 0 ? name : "project")}{(request.AppView ? " (app)" : "")}.{extension}";
    }
}
