using ModelContextProtocol.AspNetCore;

namespace Sept.Functions.Mcp;

/// <summary>The MCP server (docs/api.md, "MCP server"): external agents (Claude Code, Copilot, Codex) read a
/// project's cells and results and run cells over the Streamable HTTP transport at <c>/api/mcp</c>, signed in like
/// any API caller. Stateless, so any app instance (both hostings) answers any request.</summary>
public static class McpServices
{
    public const string Route = "/api/mcp";

    public static IServiceCollection AddSeptMcp(this IServiceCollection services)
    {
        services.AddScoped<McpProjectAccess>();
        services.AddMcpServer(o => o.ServerInfo = new() { Name = "sept", Version = typeof(McpServices).Assembly.GetName().Version?.ToString() ?? "0" })
            .WithHttpTransport(o => o.Stateless = true)
            .WithTools<NotebookTools>()
            .WithTools<RunTools>();
        return services;
    }

    /// <summary>The app's fallback policy already requires a signed-in caller; each tool checks the project role.</summary>
    public static IEndpointRouteBuilder MapSeptMcp(this IEndpointRouteBuilder routes)
    {
        routes.MapMcp(Route);
        return routes;
    }
}
