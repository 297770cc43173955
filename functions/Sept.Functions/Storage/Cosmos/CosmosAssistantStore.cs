using System.Net;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using Sept.Functions.Assistant;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Cosmos;

/// <summary><see cref="IAssistantStore"/> on the "notebook" container: "assistantMessage:&lt;id&gt;" and
/// "assistantProposal:&lt;id&gt;" documents in the project's partition (deleted with the project), queried by user.
/// Deciding a proposal replaces it with If-Match on the ETag read, so of two clicks only one wins.</summary>
public sealed class CosmosAssistantStore(Container container) : IAssistantStore
{
    private readonly CosmosItems _items = new(container);

    public async Task<IReadOnlyList<AssistantTurn>> ListAsync(ProjectId projectId, string userId, CancellationToken cancellationToken)
    {
        var messages = await QueryAsync<AssistantMessageDocument>(projectId, userId, AssistantMessageDocument.TypeName, cancellationToken);
        var proposals = (await QueryAsync<AssistantProposalDocument>(projectId, userId, AssistantProposalDocument.TypeName, cancellationToken))
            .Select(p => p.Proposal).OrderBy(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal).ToLookup(p => p.MessageId);
        return [.. messages.OrderBy(m => m.CreatedAt).ThenBy(m => m.MessageId, StringComparer.Ordinal)
            .Select(m => new AssistantTurn(m.ToRecord(), [.. proposals[m.MessageId]]))];
    }

    public async Task AddMessageAsync(AssistantMessage message, CancellationToken cancellationToken) =>
        await _items.CreateAsync(message.ProjectId.ToString(), AssistantMessageDocument.Of(message), cancellationToken);

    public async Task AddProposalAsync(AssistantProposal proposal, CancellationToken cancellationToken) =>
        await _items.CreateAsync(proposal.ProjectId.ToString(), AssistantProposalDocument.Of(proposal), cancellationToken);

    public async Task<AssistantProposal?> GetProposalAsync(ProjectId projectId, string userId, string proposalId, CancellationToken cancellationToken) =>
        await ReadAsync(projectId, userId, proposalId, cancellationToken) is { } document ? document.Proposal with { Status = document.Status } : null;

    public async Task<AssistantProposal?> DecideAsync(
        ProjectId projectId, string userId, string proposalId, string status, CancellationToken cancellationToken)
    {
        if (await ReadAsync(projectId, userId, proposalId, cancellationToken) is not { } current || current.Status != AssistantProposal.Pending)
            return null;
        var decided = current with { Status = status, Proposal = current.Proposal with { Status = status }, ETag = null };
        return await _items.ReplaceAsync(projectId.ToString(), current.Id, decided, current.ETag!, cancellationToken) == HttpStatusCode.OK
            ? decided.Proposal
            : null;
    }

    public async Task ClearAsync(ProjectId projectId, string userId, CancellationToken cancellationToken)
    {
        var partition = projectId.ToString();
        foreach (var proposal in await QueryAsync<AssistantProposalDocument>(projectId, userId, AssistantProposalDocument.TypeName, cancellationToken))
            await _items.DeleteAsync(partition, proposal.Id, cancellationToken);
        foreach (var message in await QueryAsync<AssistantMessageDocument>(projectId, userId, AssistantMessageDocument.TypeName, cancellationToken))
            await _items.DeleteAsync(partition, message.Id, cancellationToken);
    }

    private async Task<AssistantProposalDocument?> ReadAsync(ProjectId projectId, string userId, string proposalId, CancellationToken cancellationToken) =>
        await _items.ReadAsync<AssistantProposalDocument>(projectId.ToString(), AssistantProposalDocument.IdOf(proposalId), cancellationToken)
            is { } document && document.UserId == userId ? document : null;

    private Task<List<T>> QueryAsync<T>(ProjectId projectId, string userId, string type, CancellationToken cancellationToken) =>
        _items.QueryAsync<T>(projectId.ToString(),
            new QueryDefinition("SELECT * FROM c WHERE c.projectId = @partition AND c.type = @type AND c.userId = @user")
                .WithParameter("@type", type).WithParameter("@user", userId),
            cancellationToken);
}

internal sealed record AssistantMessageDocument(
    string Id, string ProjectId, string Type, string UserId, string MessageId, string Role, string Text, DateTimeOffset CreatedAt)
{
    public const string TypeName = "assistantMessage";

    public static AssistantMessageDocument Of(AssistantMessage m) =>
        new($"assistantMessage:{m.Id}", m.ProjectId.ToString(), TypeName, m.UserId, m.Id, m.Role, m.Text, m.CreatedAt);

    public AssistantMessage ToRecord() => new(Notebooks.Cells.ProjectId.Parse(ProjectId), UserId, MessageId, Role, Text, CreatedAt);
}

/// <summary>The proposal is kept whole as the app writes it; Status is copied out so deciding is one replace.</summary>
internal sealed record AssistantProposalDocument(
    string Id, string ProjectId, string Type, string UserId, string Status,
    [property: JsonConverter(typeof(AssistantProposalJsonConverter))] AssistantProposal Proposal,
    [property: JsonPropertyName("_etag")] string? ETag = null)
{
    public const string TypeName = "assistantProposal";

    public static string IdOf(string proposalId) => $"assistantProposal:{proposalId}";

    public static AssistantProposalDocument Of(AssistantProposal p) =>
        new(IdOf(p.Id), p.ProjectId.ToString(), TypeName, p.UserId, p.Status, p);
}

/// <summary>Writes a proposal with <see cref="AssistantJson.Options"/> (its ProjectId as text).</summary>
internal sealed class AssistantProposalJsonConverter : JsonConverter<AssistantProposal>
{
    public override AssistantProposal? Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        System.Text.Json.JsonSerializer.Deserialize<AssistantProposal>(ref reader, AssistantJson.Options);

    public override void Write(System.Text.Json.Utf8JsonWriter writer, AssistantProposal value, System.Text.Json.JsonSerializerOptions options) =>
        System.Text.Json.JsonSerializer.Serialize(writer, value, AssistantJson.Options);
}
