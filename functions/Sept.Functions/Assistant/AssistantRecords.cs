using Sept.Notebooks.Cells;

namespace Sept.Functions.Assistant;

/// <summary>One turn of a user's conversation with the assistant in one project (docs/api.md "Assistant").</summary>
public sealed record AssistantMessage(
    ProjectId ProjectId, string UserId, string Id, string Role, string Text, DateTimeOffset CreatedAt);

/// <summary>A change the assistant proposes; nothing happens until the user accepts it. Kinds: newCell, editCell, runCell.</summary>
public sealed record AssistantProposal(
    ProjectId ProjectId,
    string UserId,
    string MessageId,
    string Id,
    string Kind,
    string? CellId,
    string? AfterCellId,
    string CellKind,
    string Source,
    string? PreviousSource,
    string? Explanation,
    bool? Compiles,
    IReadOnlyList<ProposalDiagnostic> Diagnostics,
    int RepairRounds,
    string Status,
    DateTimeOffset CreatedAt)
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
}

public sealed record ProposalDiagnostic(string Message, int? Line, string Severity);

/// <summary>A message with the proposals made in it.</summary>
public sealed record AssistantTurn(AssistantMessage Message, IReadOnlyList<AssistantProposal> Proposals);

/// <summary>How the stores write a proposal as JSON (typed ids as their text).</summary>
public static class AssistantJson
{
    public static System.Text.Json.JsonSerializerOptions Options { get; } =
        new(Storage.StoreJson.Options) { Converters = { new Hosting.ProjectIdJsonConverter() } };
}
