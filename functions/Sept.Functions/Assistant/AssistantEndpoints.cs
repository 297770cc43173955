using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Sept.Functions.Cells;
using Sept.Functions.Editor;
using Sept.Functions.Hosting;
using Sept.Functions.Identity;
using Sept.Functions.Kernels;
using Sept.Functions.Projects;
using Sept.Functions.Runs;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Planning;

namespace Sept.Functions.Assistant;

public sealed record AssistantStatus(bool Enabled, string? Model, string? HowToEnable);

public sealed record AskAssistant(string? Text, string? SelectedCellId, string? FixCellId);

public sealed record ProposalDto(
    string Id, string Kind, string? CellId, string? AfterCellId, string CellKind, string Source, string? PreviousSource,
    string? Explanation, bool? Compiles, IReadOnlyList<ProposalDiagnostic> Diagnostics, int RepairRounds, string Status)
{
    public static ProposalDto Of(AssistantProposal p) => new(p.Id, p.Kind, p.CellId, p.AfterCellId, p.CellKind, p.Source,
        p.PreviousSource, p.Explanation, p.Compiles, p.Diagnostics, p.RepairRounds, p.Status);
}

public sealed record MessageDto(string Id, string Role, string Text, DateTimeOffset CreatedAt, IReadOnlyList<ProposalDto> Proposals);

public sealed record DecidedProposal(ProposalDto Proposal, string? CellId = null);

/// <summary>The assistant's routes (/work ASSISTANT_API.md, docs/api.md "Assistant"): status, the caller's history per
/// project, ask (streamed NDJSON), accept and reject proposals. Viewers may ask; accepting needs the editor role.</summary>
public static class AssistantEndpoints
{
    public const string NotConfiguredType = "https://sept.dev/problems/assistant-not-configured";
    public const int MaxTextLength = 8000;

    public static IEndpointRouteBuilder MapAssistant(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/assistant", (IOptions<AssistantOptions> options) => TypedResults.Ok(new AssistantStatus(
            options.Value.Enabled, options.Value.Enabled ? options.Value.Model : null, options.Value.Enabled ? null : AssistantOptions.HowToEnable)))
            .RequireAuthorization();
        var group = routes.MapGroup("/api/projects/{projectId}/assistant");
        group.MapGet("/messages", ListAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapDelete("/messages", ClearAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapPost("/messages", AskAsync).RequireProjectRole(WorkspaceRole.Viewer).RequireRateLimiting(AssistantServices.RatePolicy);
        group.MapPost("/proposals/{proposalId}/accept", AcceptAsync).RequireProjectRole(WorkspaceRole.Editor);
        group.MapPost("/proposals/{proposalId}/reject", RejectAsync).RequireProjectRole(WorkspaceRole.Viewer);
        return routes;
    }

    private static string UserId(HttpContext http) => SeptUser.FromPrincipal(http.User)!.Id;

    private static async Task<Ok<MessageDto[]>> ListAsync(HttpContext http, IAssistantStore store, CancellationToken cancellationToken)
    {
        var turns = await store.ListAsync(http.Access().Project.Id, UserId(http), cancellationToken);
        return TypedResults.Ok(turns.Select(t => new MessageDto(t.Message.Id, t.Message.Role, t.Message.Text, t.Message.CreatedAt,
            [.. t.Proposals.Select(ProposalDto.Of)])).ToArray());
    }

    private static async Task<NoContent> ClearAsync(HttpContext http, IAssistantStore store, CancellationToken cancellationToken)
    {
        await store.ClearAsync(http.Access().Project.Id, UserId(http), cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> AskAsync(
        AskAssistant? body, HttpContext http, AssistantChatClients clients, IOptions<AssistantOptions> options, AssistantConversation conversation)
    {
        if (clients.Client is not { } client)
            return TypedResults.Problem(new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable, Type = NotConfiguredType, Title = "The assistant is not configured",
                Detail = AssistantOptions.HowToEnable,
            });
        if (body?.Text is not { Length: > 0 and <= MaxTextLength } text || string.IsNullOrWhiteSpace(text))
            return Problems.BadRequest($"text must be 1 to {MaxTextLength} characters.");
        var projectId = http.Access().Project.Id;
        await conversation.AnswerAsync(http, client, projectId, UserId(http), new AskAssistant(text, body.SelectedCellId, body.FixCellId));
        return TypedResults.Empty;
    }

    private static async Task<Results<Ok<DecidedProposal>, ProblemHttpResult>> AcceptAsync(
        string proposalId, HttpContext http, IAssistantStore store, NotebookReader reader, CellCommands commands, RunStarter runs,
        CancellationToken cancellationToken)
    {
        var projectId = http.Access().Project.Id;
        var user = UserId(http);
        if (await store.GetProposalAsync(projectId, user, proposalId, cancellationToken) is not { } proposal)
            return Problems.NotFound($"Proposal {proposalId} does not exist.");
        if (proposal.Status != AssistantProposal.Pending)
            return Problems.Problem(StatusCodes.Status409Conflict, "Already decided", $"The proposal was already {proposal.Status}.");
        string cellId;
        switch (proposal.Kind)
        {
            case "newCell":
                var added = await commands.AddAsync(projectId, new CreateCell(proposal.CellKind, proposal.Source, proposal.AfterCellId, null), cancellationToken);
                if (added is not CellOutcome.Done done) return Problem(added);
                cellId = done.Cell.Id;
                break;
            case "editCell":
                if (await reader.LoadAsync(projectId, cancellationToken) is not { } loaded
                    || !CellId.TryParse(proposal.CellId, out var target) || loaded.Find(target) is not { } cell)
                    return Problems.NotFound($"Cell {proposal.CellId} does not exist any more.");
                if (cell.Source != proposal.PreviousSource)
                    return Problems.Problem(StatusCodes.Status409Conflict, "The cell changed",
                        "The cell was edited after the proposal was made; nothing was changed. Ask again for a proposal on the current source.");
                // Accepting is an edit by this user: someone else's lock refuses it as it refuses the cell route.
                if (Sept.Functions.Locks.CellLockGuard.Problem(cell, http.Access().User, "edit") is { } locked) return locked;
                var updated = await commands.UpdateAsync(projectId, target, new UpdateCell(proposal.Source, null), cell.Version, cancellationToken);
                if (updated is CellOutcome.Stale)
                    return Problems.Problem(StatusCodes.Status409Conflict, "The cell changed", "The cell was edited meanwhile; nothing was changed.");
                if (updated is not CellOutcome.Done) return Problem(updated);
                cellId = target.ToString();
                break;
            default:
                if (await reader.LoadAsync(projectId, cancellationToken) is not { } running)
                    return Problems.NotFound($"Project {projectId} does not exist.");
                var (started, problem) = await runs.StartAsync(running, new StartRun([proposal.CellId!], RunMode.Cell), "assistant proposal", cancellationToken);
                if (started is null) return Problems.BadRequest(problem!);
                cellId = proposal.CellId!;
                break;
        }
        var decided = await store.DecideAsync(projectId, user, proposalId, AssistantProposal.Accepted, cancellationToken);
        return decided is null
            ? Problems.Problem(StatusCodes.Status409Conflict, "Already decided", "The proposal was decided meanwhile.")
            : TypedResults.Ok(new DecidedProposal(ProposalDto.Of(decided), cellId));
    }

    private static async Task<Results<Ok<DecidedProposal>, ProblemHttpResult>> RejectAsync(
        string proposalId, HttpContext http, IAssistantStore store, CancellationToken cancellationToken)
    {
        var projectId = http.Access().Project.Id;
        if (await store.GetProposalAsync(projectId, UserId(http), proposalId, cancellationToken) is null)
            return Problems.NotFound($"Proposal {proposalId} does not exist.");
        return await store.DecideAsync(projectId, UserId(http), proposalId, AssistantProposal.Rejected, cancellationToken) is { } decided
            ? TypedResults.Ok(new DecidedProposal(ProposalDto.Of(decided)))
            : Problems.Problem(StatusCodes.Status409Conflict, "Already decided", "The proposal was already accepted or rejected.");
    }

    private static ProblemHttpResult Problem(CellOutcome outcome) => outcome switch
    {
        CellOutcome.NotFound n => Problems.NotFound(n.Detail),
        CellOutcome.Invalid i => Problems.Problem(i.Status, "Invalid cell", i.Detail),
        _ => Problems.Problem(StatusCodes.Status409Conflict, "The cell changed", "The cell changed meanwhile; nothing was changed."),
    };
}
