using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Projects;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Cells;

public sealed record GraphNode(string CellId, IReadOnlyList<string> Reads, IReadOnlyList<string> Writes);

public sealed record GraphEdgeDto(string From, string To, string Name, string Kind);

public sealed record UnboundReadDto(string CellId, string Name, string? DefinedBelowBy, string Message);

public sealed record GraphDto(
    IReadOnlyList<GraphNode> Nodes, IReadOnlyList<GraphEdgeDto> Edges, IReadOnlyList<IReadOnlyList<string>> Cycles,
    IReadOnlyList<UnboundReadDto> Unbound);

/// <summary>GET /api/projects/{id}/graph: the dependency graph (nodes in cell order, writer -> reader edges).</summary>
public static class GraphEndpoints
{
    public static IEndpointRouteBuilder MapGraph(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/projects/{projectId}/graph", GetAsync).RequireProjectRole(WorkspaceRole.Viewer);
        return routes;
    }

    private static async Task<Results<Ok<GraphDto>, ProblemHttpResult>> GetAsync(
        string projectId, NotebookReader reader, CancellationToken cancellationToken)
    {
        if (RouteIds.Project(projectId) is not { } id || await reader.LoadAsync(id, cancellationToken) is not { } loaded)
            return Problems.NotFound($"Project {projectId} does not exist.");
        var graph = loaded.Notebook.Graph;
        return TypedResults.Ok(new GraphDto(
            [.. graph.Cells.Select(c => new GraphNode(c.ToString(),
                [.. graph.SymbolsOf(c).Reads.Order(StringComparer.Ordinal)], [.. graph.SymbolsOf(c).Writes.Order(StringComparer.Ordinal)]))],
            [.. graph.Edges.Select(e => new GraphEdgeDto(e.From.ToString(), e.To.ToString(), e.Name, e.Kind.ToString().ToLowerInvariant()))],
            [.. graph.Cycles.Select(cycle => (IReadOnlyList<string>)[.. cycle.Cells.Select(c => c.ToString())])],
            [.. graph.UnboundReads.Select(u => new UnboundReadDto(u.Cell.ToString(), u.Name, u.DefinedBelowBy?.ToString(), u.Message))]));
    }
}
