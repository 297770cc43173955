using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Connections;

/// <summary>/api/workspaces/{workspaceId}/connections: viewers list names, editors see details, test and browse the
/// schema, admins create, edit and delete. No answer ever carries a password.</summary>
public static class ConnectionEndpoints
{
    private const string Route = "/api/workspaces/{workspaceId}/connections";

    public static IEndpointRouteBuilder MapDataConnections(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup(Route);
        group.MapGet("/", ListAsync).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapPost("/", CreateAsync).RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapPost("/test", TestUnsavedAsync).RequireWorkspaceRole(WorkspaceRole.Admin).RequireRunLimit();
        group.MapGet("/{connectionId}", GetAsync).RequireWorkspaceRole(WorkspaceRole.Viewer);
        group.MapPatch("/{connectionId}", UpdateAsync).RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapDelete("/{connectionId}", DeleteAsync).RequireWorkspaceRole(WorkspaceRole.Admin);
        group.MapPost("/{connectionId}/test", TestAsync).RequireWorkspaceRole(WorkspaceRole.Editor).RequireRunLimit();
        group.MapGet("/{connectionId}/schema", SchemaAsync).RequireWorkspaceRole(WorkspaceRole.Editor).RequireRunLimit();
        return routes;
    }

    private static async Task<Ok<ConnectionDto[]>> ListAsync(HttpContext http, IConnectionStore store, CancellationToken cancellationToken)
    {
        var (_, membership) = http.WorkspaceMembership();
        var all = await store.ListAsync(membership.Workspace.Id, cancellationToken);
        return TypedResults.Ok(all.Select(c => ConnectionDto.From(c, membership.Role)).ToArray());
    }

    private static async Task<Results<Ok<ConnectionDto>, ProblemHttpResult>> GetAsync(
        string connectionId, HttpContext http, IConnectionStore store, CancellationToken cancellationToken)
    {
        var (_, membership) = http.WorkspaceMembership();
        return await Find(store, membership.Workspace.Id, connectionId, cancellationToken) is { } c
            ? TypedResults.Ok(ConnectionDto.From(c, membership.Role))
            : NotFound(connectionId);
    }

    private static async Task<Results<Created<ConnectionDto>, ProblemHttpResult>> CreateAsync(
        ConnectionBody body, HttpContext http, IConnectionStore store, ConnectionQueries queries, ConnectionSecrets secrets,
        CancellationToken cancellationToken)
    {
        var workspaceId = http.WorkspaceMembership().Membership.Workspace.Id;
        if (Draft(body, workspaceId, queries) is not { } draft) return Problems.BadRequest("provider must be postgres, sqlServer or mySql.");
        if (ConnectionValidation.Problem(draft, body.Password) is { } problem) return Problems.BadRequest(problem);
        var connection = draft with { ProtectedPassword = secrets.Protect(workspaceId, draft.Id, body.Password) };
        return await store.CreateAsync(connection, cancellationToken) switch
        {
            SaveOutcome<ConnectionRecord>.Saved saved =>
                TypedResults.Created($"{Route.Replace("{workspaceId}", workspaceId)}/{saved.Value.Id}", ConnectionDto.From(saved.Value, WorkspaceRole.Admin)),
            SaveOutcome<ConnectionRecord>.Exists => NameTaken(connection.Name),
            _ => WorkspaceRoleFilter.NotFound(workspaceId),
        };
    }

    private static async Task<Results<Ok<ConnectionDto>, ProblemHttpResult>> UpdateAsync(
        string connectionId, ConnectionPatch body, HttpContext http, IConnectionStore store, ConnectionSecrets secrets,
        ConnectionQueries queries, CancellationToken cancellationToken)
    {
        var workspaceId = http.WorkspaceMembership().Membership.Workspace.Id;
        if (await Find(store, workspaceId, connectionId, cancellationToken) is not { } current) return NotFound(connectionId);
        var provider = body.Provider ?? current.Provider;
        var next = current with
        {
            Name = body.Name?.Trim() ?? current.Name,
            Provider = provider,
            Host = body.Host?.Trim() ?? current.Host,
            // A new provider without a port gets that provider's default port.
            Port = body.Port ?? (provider == current.Provider ? current.Port : queries.Dialect(provider).DefaultPort),
            Database = body.Database ?? current.Database,
            Username = body.Username ?? current.Username,
            ProtectedPassword = body.Password is null ? current.ProtectedPassword : secrets.Protect(workspaceId, current.Id, body.Password),
        };
        if (ConnectionValidation.Problem(next, body.Password) is { } problem) return Problems.BadRequest(problem);
        return await store.UpdateAsync(next, current.Version, cancellationToken) switch
        {
            SaveOutcome<ConnectionRecord>.Saved saved => TypedResults.Ok(ConnectionDto.From(saved.Value, WorkspaceRole.Admin)),
            SaveOutcome<ConnectionRecord>.Exists => NameTaken(next.Name),
            SaveOutcome<ConnectionRecord>.Stale => Problems.Problem(StatusCodes.Status409Conflict, "Changed meanwhile",
                "The connection changed while this edit was made; read it again and retry."),
            _ => NotFound(connectionId),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string connectionId, HttpContext http, IConnectionStore store, ConnectionSchemas schemas, CancellationToken cancellationToken)
    {
        var workspaceId = http.WorkspaceMembership().Membership.Workspace.Id;
        if (!ConnectionValidation.IsValidId(connectionId) || !await store.DeleteAsync(workspaceId, connectionId, cancellationToken))
            return NotFound(connectionId);
        schemas.Forget(connectionId);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<ConnectionTestResult>, ProblemHttpResult>> TestAsync(
        string connectionId, HttpContext http, IConnectionStore store, ConnectionQueries queries, CancellationToken cancellationToken)
    {
        var workspaceId = http.WorkspaceMembership().Membership.Workspace.Id;
        if (await Find(store, workspaceId, connectionId, cancellationToken) is not { } connection) return NotFound(connectionId);
        try
        {
            return TypedResults.Ok(await RunTestAsync(queries, connection, queries.PasswordOf(connection), cancellationToken));
        }
        catch (ConnectionSecretLost e)
        {
            return TypedResults.Ok(new ConnectionTestResult(false, 0, Error: e.Message));
        }
    }

    private static async Task<Results<Ok<ConnectionTestResult>, ProblemHttpResult>> TestUnsavedAsync(
        ConnectionBody body, HttpContext http, ConnectionQueries queries, CancellationToken cancellationToken)
    {
        var workspaceId = http.WorkspaceMembership().Membership.Workspace.Id;
        if (Draft(body, workspaceId, queries) is not { } draft) return Problems.BadRequest("provider must be postgres, sqlServer or mySql.");
        if (ConnectionValidation.Problem(draft, body.Password) is { } problem) return Problems.BadRequest(problem);
        return TypedResults.Ok(await RunTestAsync(queries, draft, body.Password, cancellationToken));
    }

    private static async Task<Results<Ok<ConnectionSchema>, ProblemHttpResult>> SchemaAsync(
        string connectionId, bool? refresh, HttpContext http, IConnectionStore store, ConnectionSchemas schemas, CancellationToken cancellationToken)
    {
        var workspaceId = http.WorkspaceMembership().Membership.Workspace.Id;
        if (await Find(store, workspaceId, connectionId, cancellationToken) is not { } connection) return NotFound(connectionId);
        try
        {
            return TypedResults.Ok(await schemas.GetAsync(connection, refresh == true, cancellationToken));
        }
        catch (Exception e) when (e is ConnectionFailed or ConnectionSecretLost)
        {
            return Problems.Problem(StatusCodes.Status502BadGateway, "Connection failed", e.Message);
        }
    }

    private static async Task<ConnectionTestResult> RunTestAsync(
        ConnectionQueries queries, ConnectionRecord connection, string? password, CancellationToken cancellationToken)
    {
        try
        {
            var (version, elapsed) = await queries.TestAsync(connection, password, cancellationToken);
            return new ConnectionTestResult(true, elapsed, version);
        }
        catch (ConnectionFailed e)
        {
            return new ConnectionTestResult(false, 0, Error: e.Message);
        }
    }

    private static ConnectionRecord? Draft(ConnectionBody body, string workspaceId, ConnectionQueries queries)
    {
        if (body.Provider is not { } provider || !Enum.IsDefined(provider)) return null;
        return new ConnectionRecord(workspaceId, Guid.NewGuid().ToString("N"), body.Name?.Trim() ?? "", provider, body.Host?.Trim() ?? "",
            body.Port ?? queries.Dialect(provider).DefaultPort, body.Database ?? "", body.Username ?? "", null, 1, default, default);
    }

    private static async Task<ConnectionRecord?> Find(IConnectionStore store, string workspaceId, string connectionId, CancellationToken cancellationToken) =>
        ConnectionValidation.IsValidId(connectionId) ? await store.GetAsync(workspaceId, connectionId, cancellationToken) : null;

    private static ProblemHttpResult NotFound(string connectionId) => Problems.NotFound($"Connection {connectionId} does not exist in this workspace.");

    private static ProblemHttpResult NameTaken(string name) =>
        Problems.Problem(StatusCodes.Status409Conflict, "Name taken", $"This workspace already has a connection named '{name}'.");
}
