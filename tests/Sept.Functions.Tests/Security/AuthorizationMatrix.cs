using System.Net.Http.Json;

namespace Sept.Functions.Tests.Security;

/// <summary>One check of the authorisation matrix: a request and the status each caller must get.</summary>
/// <param name="Method">HTTP method as mapped ("*" for endpoints mapped for any method, like the SignalR hub).</param>
/// <param name="Route">The route template exactly as the app maps it (the coverage test matches on it).</param>
public sealed record MatrixRow(string Method, string Route, int Admin, int Editor, int Viewer, int Outsider, int Anonymous = 401)
{
    /// <summary>The request path when it differs from <see cref="Route"/> (query string, the input cell); same placeholders.</summary>
    public string? Path { get; init; }

    public Func<SecurityScenario, HttpContent?>? Body { get; init; }

    /// <summary>The method to send for rows mapped for any method ("*"); default GET.</summary>
    public string? Send { get; init; }

    /// <summary>An If-Match version to send.</summary>
    public string? IfMatch { get; init; }

    /// <summary>An Accept header to send (the MCP endpoint wants JSON and event streams).</summary>
    public string? Accept { get; init; }

    /// <summary>Why a row looks surprising (kept next to the numbers).</summary>
    public string? Note { get; init; }

    public int Expected(Caller caller) => caller switch
    {
        Caller.Admin => Admin,
        Caller.Editor => Editor,
        Caller.Viewer => Viewer,
        Caller.Outsider => Outsider,
        _ => Anonymous,
    };

    public string Key => $"{Method} {Route}";
}

/// <summary>
/// THE authorisation table: every /api endpoint x {admin, editor, viewer, member of another workspace, anonymous}.
/// <para>Adding a route? Add a row here: <c>new("POST", "/api/projects/{projectId}/things", admin, editor, viewer,
/// outsider) { Body = _ => Json(new { ... }) }</c>. Route is the template exactly as mapped (group prefix + pattern,
/// no trailing slash); placeholders {workspaceId}, {projectId}, {cellId} (a code cell), {inputCellId}, {lockedCellId} (locked by Ada), {email} (a
/// viewer member), {name} (an uploaded file) and {versionId} (a saved version) are filled from a fresh <see cref="SecurityScenario"/> per check.
/// Anonymous defaults to 401. Several rows may cover one route (e.g. a viewer's app-view edit). The coverage test
/// fails when an /api endpoint has no row, and when a row names a route the app no longer maps.</para>
/// </summary>
public static class AuthorizationMatrix
{
    private const string Ws = "/api/workspaces/{workspaceId}";
    private const string P = "/api/projects/{projectId}";

    public static IReadOnlyList<MatrixRow> Rows { get; } =
    [
        // Anonymous by design: the page loads and learns how to sign in before anyone signs in.
        new("GET", "/api/health", 200, 200, 200, 200, Anonymous: 200),
        new("GET", "/api/config", 200, 200, 200, 200, Anonymous: 200),
        new("GET", "/api/me", 200, 200, 200, 200),

        // Workspaces and members.
        new("GET", "/api/workspaces", 200, 200, 200, 200),
        new("POST", "/api/workspaces", 201, 201, 201, 201) { Body = _ => Json(new { name = SecurityScenario.Unique("new") }) },
        new("GET", Ws, 200, 200, 200, 404),
        new("PATCH", Ws, 200, 403, 403, 404) { Body = _ => Json(new { name = "Renamed" }) },
        new("DELETE", Ws, 409, 403, 403, 404) { Note = "admin: 409 because the workspace still has its project" },
        new("GET", $"{Ws}/members", 200, 200, 200, 404),
        new("POST", $"{Ws}/members", 201, 403, 403, 404)
        {
            Body = _ => Json(new { email = $"{SecurityScenario.Unique("new")}@example.test", role = "viewer" }),
        },
        new("PATCH", $"{Ws}/members/{{email}}", 200, 403, 403, 404) { Body = _ => Json(new { role = "editor" }) },
        new("DELETE", $"{Ws}/members/{{email}}", 204, 403, 403, 404),

        // Data connections (viewers list names only: Connections/ConnectionApiTests).
        new("GET", $"{Ws}/connections", 200, 200, 200, 404),
        new("POST", $"{Ws}/connections", 201, 403, 403, 404) { Body = _ => Json(Connection(SecurityScenario.Unique("db"))) },
        new("POST", $"{Ws}/connections/test", 200, 403, 403, 404)
        {
            Body = _ => Json(Connection("unsaved")), Note = "admin: 200 with ok=false, since nothing listens on port 1",
        },
        new("GET", $"{Ws}/connections/{{connectionId}}", 404, 404, 404, 404)
        {
            Path = $"{Ws}/connections/{MissingId}", Note = "allowed callers: 404 because no such connection exists",
        },
        new("PATCH", $"{Ws}/connections/{{connectionId}}", 404, 403, 403, 404)
        {
            Path = $"{Ws}/connections/{MissingId}", Body = _ => Json(new { host = "db.example.test" }), Note = "admin: 404, no such connection",
        },
        new("DELETE", $"{Ws}/connections/{{connectionId}}", 404, 403, 403, 404) { Path = $"{Ws}/connections/{MissingId}", Note = "admin: 404" },
        new("POST", $"{Ws}/connections/{{connectionId}}/test", 404, 404, 403, 404)
        {
            Path = $"{Ws}/connections/{MissingId}/test", Note = "admin, editor: 404 because no such connection exists",
        },
        new("GET", $"{Ws}/connections/{{connectionId}}/schema", 404, 404, 403, 404)
        {
            Path = $"{Ws}/connections/{MissingId}/schema", Note = "admin, editor: 404 because no such connection exists",
        },

        // Projects.
        new("GET", "/api/projects", 200, 200, 200, 404) { Path = "/api/projects?workspaceId={workspaceId}" },
        new("GET", "/api/projects", 200, 200, 200, 200) { Note = "without workspaceId: each caller's own projects" },
        new("POST", "/api/projects", 201, 201, 403, 404) { Body = s => Json(new { name = "New", workspaceId = s.WorkspaceId }) },
        new("POST", "/api/projects/import", 201, 201, 403, 404)
        {
            Path = "/api/projects/import?workspaceId={workspaceId}&format=cs",
            Body = _ => new StringContent("// %% [code]\nvar imported = 1;\n"),
        },
        new("GET", P, 200, 200, 200, 404),
        new("PATCH", P, 200, 200, 403, 404) { Body = _ => Json(new { name = "Renamed" }) },
        new("DELETE", P, 204, 403, 403, 404),
        new("GET", $"{P}/graph", 200, 200, 200, 404),
        // Editor language services: read-only, so like reading the project (a viewer gets completion too).
        new("POST", $"{P}/cells/{{cellId}}/completions", 200, 200, 200, 404) { Body = _ => Json(new { position = 9 }) },
        new("POST", $"{P}/cells/{{cellId}}/hover", 200, 200, 200, 404) { Body = _ => Json(new { position = 4 }) },
        new("POST", $"{P}/cells/{{cellId}}/signature", 204, 204, 204, 404) { Body = _ => Json(new { position = 4 }), Note = "allowed callers: 204, no call at that position" },
        new("POST", $"{P}/cells/{{cellId}}/definition", 200, 200, 200, 404) { Body = _ => Json(new { position = 4 }) },
        new("GET", $"{P}/diagnostics", 200, 200, 200, 404),
        new("GET", $"{P}/export", 200, 200, 200, 404),
        new("GET", $"{P}/export/html", 200, 200, 200, 404) { Path = $"{P}/export/html?code=hide" },
        new("GET", $"{P}/export/pdf", 400, 400, 400, 404)
        {
            Path = $"{P}/export/pdf?view=bogus", Note = "allowed callers: 400 for the bad view (printing is tested in Publishing/)",
        },

        // Cells.
        new("POST", $"{P}/cells", 201, 201, 403, 404) { Body = _ => Json(new { kind = "code", source = "var z = 1;" }) },
        new("PATCH", $"{P}/cells/{{cellId}}", 200, 200, 403, 404) { Body = _ => Json(new { source = "var x = 2;" }), IfMatch = "1" },
        new("PATCH", $"{P}/cells/{{cellId}}", 200, 200, 200, 404)
        {
            Path = $"{P}/cells/{{inputCellId}}", Body = _ => Json(new { config = new { name = "n", value = 5, widget = "slider" } }), IfMatch = "1",
            Note = "app view: a viewer may change only config.value of an input cell",
        },
        new("PATCH", $"{P}/cells/{{cellId}}", 200, 200, 403, 404)
        {
            Path = $"{P}/cells/{{inputCellId}}", Body = _ => Json(new { config = new { name = "renamed", value = 5, widget = "slider" } }), IfMatch = "1",
            Note = "renaming the input is more than its value",
        },
        new("POST", $"{P}/cells/{{cellId}}/move", 200, 200, 403, 404) { Body = _ => Json(new { afterCellId = (string?)null }) },
        new("DELETE", $"{P}/cells/{{cellId}}", 204, 204, 403, 404),
        new("GET", $"{P}/cells/{{cellId}}/runs", 200, 200, 200, 404),

        // Cell locks; {lockedCellId} is a code cell Ada (the admin) holds.
        new("PUT", $"{P}/cells/{{cellId}}/lock", 200, 200, 403, 404),
        new("PUT", $"{P}/cells/{{cellId}}/lock", 200, 409, 403, 404) { Path = $"{P}/cells/{{lockedCellId}}/lock", Note = "Ada holds it" },
        new("DELETE", $"{P}/cells/{{cellId}}/lock", 200, 200, 403, 404) { Note = "unlocked already: nothing to do" },
        new("DELETE", $"{P}/cells/{{cellId}}/lock", 200, 403, 403, 404)
        {
            Path = $"{P}/cells/{{lockedCellId}}/lock", Note = "only the holder (Ada) or an admin unlocks",
        },
        new("PATCH", $"{P}/cells/{{cellId}}", 200, 409, 403, 404)
        {
            Path = $"{P}/cells/{{lockedCellId}}", Body = _ => Json(new { source = "var l = 2;" }), IfMatch = "2",
            Note = "locked by Ada: other editors get 409 with the holder",
        },
        new("POST", $"{P}/cells/{{cellId}}/move", 200, 409, 403, 404) { Path = $"{P}/cells/{{lockedCellId}}/move", Body = _ => Json(new { afterCellId = (string?)null }) },
        new("DELETE", $"{P}/cells/{{cellId}}", 204, 409, 403, 404) { Path = $"{P}/cells/{{lockedCellId}}" },
        new("GET", $"{P}/cells/{{cellId}}/result", 404, 404, 404, 404) { Note = "allowed callers: 404 because the cell has no table result" },

        // Runs and the kernel.
        new("POST", $"{P}/runs", 202, 202, 403, 404) { Body = s => Json(new { cellIds = new[] { s.CodeCellId }, mode = "cell" }) },
        new("POST", $"{P}/runs", 202, 202, 202, 404)
        {
            Body = s => Json(new { cellIds = new[] { s.InputCellId }, mode = "downstream" }), Note = "app view: runs from input cells",
        },
        new("POST", $"{P}/runs", 202, 202, 403, 404) { Body = _ => Json(new { mode = "all" }) },
        new("POST", $"{P}/kernel/interrupt", 202, 202, 403, 404),
        new("POST", $"{P}/kernel/restart", 202, 202, 403, 404),

        // Files and outputs.
        new("POST", $"{P}/files", 201, 201, 403, 404)
        {
            Body = _ => new MultipartFormDataContent { { new ByteArrayContent("x\n1\n"u8.ToArray()), "file", "more.csv" } },
        },
        new("GET", $"{P}/files", 200, 200, 200, 404),
        new("GET", $"{P}/files/{{name}}", 200, 200, 200, 404),
        new("GET", $"{P}/outputs/{{**path}}", 404, 404, 404, 404) { Note = "allowed callers: 404 because no such output exists" },

        // Version history.
        new("GET", $"{P}/versions", 200, 200, 200, 404),
        new("POST", $"{P}/versions", 201, 201, 403, 404) { Body = _ => Json(new { name = "checkpoint" }) },
        new("GET", $"{P}/versions/{{versionId}}", 200, 200, 200, 404),
        new("GET", $"{P}/versions/{{versionId}}/diff", 200, 200, 200, 404),
        new("POST", $"{P}/versions/{{versionId}}/restore", 200, 200, 403, 404),

        // Schedules ({scheduleId}: none exists, so allowed callers get 404; runs are tested in Schedules/).
        new("GET", $"{P}/schedules", 200, 200, 200, 404),
        new("POST", $"{P}/schedules", 201, 201, 403, 404) { Body = _ => Json(new { name = "Nightly", cron = "0 3 * * *", timeZone = "UTC" }) },
        // The assistant (not configured in this app: asking answers 503; viewers may ask, not accept).
        new("GET", "/api/assistant", 200, 200, 200, 200),
        new("GET", $"{P}/assistant/messages", 200, 200, 200, 404),
        new("DELETE", $"{P}/assistant/messages", 204, 204, 204, 404) { Note = "each caller clears only their own history" },
        new("POST", $"{P}/assistant/messages", 503, 503, 503, 404)
        {
            Body = _ => Json(new { text = "What does cell 1 do?" }), Note = "allowed callers: 503 because no provider is configured",
        },
        new("POST", $"{P}/assistant/proposals/{{proposalId}}/accept", 404, 404, 403, 404)
        {
            Path = $"{P}/assistant/proposals/{MissingId}/accept", Note = "admin, editor: 404 because no such proposal exists",
        },
        new("POST", $"{P}/assistant/proposals/{{proposalId}}/reject", 404, 404, 404, 404) { Path = $"{P}/assistant/proposals/{MissingId}/reject" },
        new("GET", $"{P}/schedules/{{scheduleId}}", 404, 404, 404, 404) { Path = $"{P}/schedules/{MissingId}" },
        new("PATCH", $"{P}/schedules/{{scheduleId}}", 404, 404, 403, 404) { Path = $"{P}/schedules/{MissingId}", Body = _ => Json(new { enabled = false }) },
        new("DELETE", $"{P}/schedules/{{scheduleId}}", 404, 404, 403, 404) { Path = $"{P}/schedules/{MissingId}" },
        new("POST", $"{P}/schedules/{{scheduleId}}/run", 404, 404, 403, 404) { Path = $"{P}/schedules/{MissingId}/run" },
        new("GET", $"{P}/schedules/{{scheduleId}}/runs", 404, 404, 404, 404) { Path = $"{P}/schedules/{MissingId}/runs" },

        // Realtime.
        new("POST", "/api/negotiate", 200, 200, 200, 200),
        // A connection that is not the caller's is refused to every member (Hardening/ForeignSubscriptionTests has the
        // caller's own connection joining); outsiders learn nothing of the project.
        new("POST", $"{P}/subscriptions", 403, 403, 403, 404) { Body = _ => Json(new { connectionId = "not-connected" }) },
        new("*", "/api/hub/negotiate", 200, 200, 200, 200) { Path = "/api/hub/negotiate?negotiateVersion=1", Send = "POST" },
        new("*", "/api/hub", 400, 400, 400, 400) { Note = "signed in: 400 since no connection id is given; anonymous: 401" },

        // Comments (who may edit or delete which comment is checked in Comments/CommentPermissionTests).
        new("GET", $"{P}/comments", 200, 200, 200, 404),
        new("POST", $"{P}/comments", 201, 201, 201, 404) { Body = s => Json(new { cellId = s.CodeCellId, body = "matrix" }) },
        new("PATCH", $"{P}/comments/{{commentId}}", 404, 404, 404, 404)
        {
            Path = $"{P}/comments/{MissingId}", Body = _ => Json(new { body = "edited" }), Note = "allowed callers: 404 because no such comment exists",
        },
        new("DELETE", $"{P}/comments/{{commentId}}", 404, 404, 404, 404)
        {
            Path = $"{P}/comments/{MissingId}", Note = "allowed callers: 404 because no such comment exists",
        },
        new("PATCH", $"{P}/threads/{{threadId}}", 404, 404, 404, 404)
        {
            Path = $"{P}/threads/{MissingId}", Body = _ => Json(new { resolved = true }), Note = "allowed callers: 404 because no such thread exists",
        },

        // Presence.
        new("GET", $"{P}/presence", 200, 200, 200, 404),
        new("PUT", $"{P}/presence/{{sessionId}}", 200, 200, 200, 404) { Path = $"{P}/presence/matrix-tab-1", Body = _ => Json(new { }) },
        new("DELETE", $"{P}/presence/{{sessionId}}", 204, 204, 204, 404) { Path = $"{P}/presence/matrix-tab-1" },

        // The MCP server: any signed-in caller may connect; each tool checks the project role (Mcp/McpServerTests).
        new("POST", "/api/mcp", 200, 200, 200, 200)
        {
            Accept = "application/json, text/event-stream",
            Body = _ => Json(new { jsonrpc = "2.0", id = 1, method = "tools/list" }),
        },
    ];

    public static HttpContent Json(object value) => JsonContent.Create(value);

    private static object Connection(string name) =>
        new { name, provider = "postgres", host = "127.0.0.1", port = 1, database = "shop", username = "analyst", password = "pw" };

    /// <summary>A well-formed id nothing has.</summary>
    private const string MissingId = "0badc0de0badc0de0badc0de0badc0d";
}
