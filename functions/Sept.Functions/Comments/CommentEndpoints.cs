using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Comments;

/// <summary>/api/projects/{projectId}/comments and /threads: list, post (new thread or reply), edit, delete, resolve.
/// Every route needs the viewer role; the commands decide who may edit or delete which comment.</summary>
public static class CommentEndpoints
{
    public static IEndpointRouteBuilder MapComments(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/projects/{projectId}");
        group.MapGet("/comments", ListAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapPost("/comments", PostAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapPatch("/comments/{commentId}", EditAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapDelete("/comments/{commentId}", DeleteAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapPatch("/threads/{threadId}", ResolveAsync).RequireProjectRole(WorkspaceRole.Viewer);
        return routes;
    }

    private static async Task<Results<Ok<IReadOnlyList<ThreadDto>>, ProblemHttpResult>> ListAsync(
        HttpContext http, string? cellId, CommentCommands comments, CancellationToken cancellationToken) =>
        await comments.ListAsync(Project(http), cellId, cancellationToken) switch
        {
            CommandOutcome<IReadOnlyList<ThreadDto>>.Done done => TypedResults.Ok(done.Value),
            var other => other.ToProblem("Invalid comment"),
        };

    private static async Task<Results<Created<CommentDto>, ProblemHttpResult>> PostAsync(
        HttpContext http, PostComment body, CommentCommands comments, CancellationToken cancellationToken) =>
        await comments.PostAsync(Project(http), http.Access().User, body, cancellationToken) switch
        {
            CommandOutcome<CommentDto>.Done done => TypedResults.Created($"/api/projects/{Project(http)}/comments/{done.Value.Id}", done.Value),
            var other => other.ToProblem("Invalid comment"),
        };

    private static async Task<Results<Ok<CommentDto>, ProblemHttpResult>> EditAsync(
        HttpContext http, string commentId, EditComment body, CommentCommands comments, CancellationToken cancellationToken) =>
        await comments.EditAsync(Project(http), commentId, http.Access().User, body, cancellationToken) switch
        {
            CommandOutcome<CommentDto>.Done done => TypedResults.Ok(done.Value),
            var other => other.ToProblem("Invalid comment"),
        };

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        HttpContext http, string commentId, CommentCommands comments, CancellationToken cancellationToken)
    {
        var access = http.Access();
        return await comments.DeleteAsync(Project(http), commentId, access.User, access.Role, cancellationToken) switch
        {
            CommandOutcome<bool>.Done => TypedResults.NoContent(),
            var other => other.ToProblem("Invalid comment"),
        };
    }

    private static async Task<Results<Ok<ThreadDto>, ProblemHttpResult>> ResolveAsync(
        HttpContext http, string threadId, ResolveThread body, CommentCommands comments, CancellationToken cancellationToken) =>
        await comments.ResolveAsync(Project(http), threadId, http.Access().User, body, cancellationToken) switch
        {
            CommandOutcome<ThreadDto>.Done done => TypedResults.Ok(done.Value),
            var other => other.ToProblem("Invalid comment"),
        };

    private static ProjectId Project(HttpContext http) => http.Access().Project.Id;
}
