using Sept.Functions.Hosting;
using Sept.Functions.Workspaces;
using Sept.LanguageServices.Features;
using Sept.LanguageServices.Workspace;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Editor;

/// <summary>The editor's C# services (docs/api.md, "Editor"): completion, hover, signature help and go to definition
/// at a position of a C# cell, and the whole notebook's compiler diagnostics. Allowed to anyone who may read the
/// project; nothing is saved or run.</summary>
public static class EditorEndpoints
{
    delegate Task<T?> Feature<T>(NotebookSnapshot snapshot, CellId cell, int position, CancellationToken cancellationToken);

    public static IEndpointRouteBuilder MapEditor(this IEndpointRouteBuilder routes)
    {
        var cells = routes.MapGroup("/api/projects/{projectId}/cells/{cellId}").RequireProjectRole(WorkspaceRole.Viewer);
        MapFeature<CompletionResult>(cells, "completions", CellCompletions.GetAsync);
        MapFeature<HoverResult>(cells, "hover", CellHover.GetAsync);
        MapFeature<SignatureResult>(cells, "signature", CellSignatures.GetAsync);
        MapFeature<DefinitionResult>(cells, "definition", CellDefinitions.GetAsync);
        routes.MapGet("/api/projects/{projectId}/diagnostics", DiagnosticsAsync).RequireProjectRole(WorkspaceRole.Viewer);
        return routes;
    }

    static void MapFeature<T>(RouteGroupBuilder cells, string feature, Feature<T> run) where T : class =>
        cells.MapPost($"/{feature}", (string projectId, string cellId, EditorPositionRequest body, HttpContext http,
            EditorSessions sessions, SupersededRequests superseded) =>
            AtPositionAsync(projectId, cellId, body, http, sessions, superseded, feature, run));

    static async Task<IResult> AtPositionAsync<T>(string projectId, string cellId, EditorPositionRequest body, HttpContext http,
        EditorSessions sessions, SupersededRequests superseded, string feature, Feature<T> run) where T : class
    {
        if (RouteIds.Project(projectId) is not { } project || RouteIds.Cell(cellId) is not { } cell)
            return Problems.NotFound($"Cell {cellId} does not exist in project {projectId}.");
        using var lease = superseded.Begin($"{http.Access().User.Id}/{project}/{cell}/{feature}", http.RequestAborted);
        try
        {
            if (await sessions.OpenAsync(project, lease.Token) is not { } context || context.Loaded.Find(cell) is not { } stored)
                return Problems.NotFound($"Cell {cellId} does not exist in project {projectId}.");
            if (stored.Kind != CellKind.Code)
                return Problems.BadRequest($"Cell {cellId} is a {stored.Kind.ToString().ToLowerInvariant()} cell; {feature} is for C# cells.");
            var source = body.Source ?? stored.Source;
            if (body.Position is not { } position || position < 0 || position > source.Length)
                return Problems.BadRequest($"position must be an offset from 0 to {source.Length} (the length of the cell's text).");
            var snapshot = body.Source is null ? context.Snapshot : await context.Snapshot.WithDraftAsync(cell, body.Source, lease.Token);
            return await run(snapshot, cell, position, lease.Token) is { } result ? TypedResults.Ok(result) : TypedResults.NoContent();
        }
        catch (OperationCanceledException) when (lease.Token.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            return Superseded(feature);
        }
    }

    static async Task<IResult> DiagnosticsAsync(string projectId, HttpContext http, EditorSessions sessions, SupersededRequests superseded)
    {
        if (RouteIds.Project(projectId) is not { } project) return Problems.NotFound($"Project {projectId} does not exist.");
        using var lease = superseded.Begin($"{http.Access().User.Id}/{project}/diagnostics", http.RequestAborted);
        try
        {
            if (await sessions.OpenAsync(project, lease.Token) is not { } context)
                return Problems.NotFound($"Project {projectId} does not exist.");
            var cells = await context.Open.Diagnostics.GetAsync(context.Snapshot, context.Cells, context.Notebook.Graph,
                sessions.HasHelpers, lease.Token);
            return TypedResults.Ok(new NotebookDiagnosticsDto(cells));
        }
        catch (OperationCanceledException) when (lease.Token.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            return Superseded("diagnostics");
        }
    }

    static IResult Superseded(string feature) =>
        Problems.Problem(StatusCodes.Status409Conflict, "Superseded", $"A newer {feature} request from you replaced this one.");
}

/// <summary>GET /api/projects/{id}/diagnostics: every C# cell's compiler diagnostics, in cell order.</summary>
public sealed record NotebookDiagnosticsDto(IReadOnlyList<CellDiagnosticsResult> Cells);
