using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using Sept.Functions.Hosting;
using Sept.Functions.Identity;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Mcp;

/// <summary>The project role check of the HTTP routes (<see cref="ProjectRoleFilter"/>), for MCP tool calls: the same
/// authorizer, so an unknown project and a project of another workspace read alike (no probing), and a role below the
/// tool's is refused with the role it needs. Refusals are tool errors the agent can read.</summary>
public sealed class McpProjectAccess(IProjectAuthorizer authorizer)
{
    public async Task<ProjectAccess.Granted> RequireAsync(
        RequestContext<CallToolRequestParams> request, string projectId, WorkspaceRole minimum, CancellationToken cancellationToken)
    {
        if (RouteIds.Project(projectId) is not { } id) throw NotFound(projectId);
        return await authorizer.AuthorizeAsync(request.User ?? new(), id, minimum, cancellationToken) switch
        {
            ProjectAccess.Granted granted => granted,
            ProjectAccess.Forbidden forbidden => throw new McpException(
                $"This needs the {forbidden.Needed.ToString().ToLowerInvariant()} role in project {projectId}; you are {forbidden.Role.ToString().ToLowerInvariant()}."),
            ProjectAccess.Unauthenticated => throw new McpException("Sign-in required: send a valid bearer token."),
            _ => throw NotFound(projectId),
        };
    }

    public static SeptUser Caller(RequestContext<CallToolRequestParams> request) =>
        SeptUser.FromPrincipal(request.User ?? new()) ?? throw new McpException("Sign-in required: send a valid bearer token.");

    public static CellId Cell(string cellId) =>
        RouteIds.Cell(cellId) ?? throw new McpException($"Cell {cellId} does not exist.");

    private static McpException NotFound(string projectId) => new($"Project {projectId} does not exist.");
}
