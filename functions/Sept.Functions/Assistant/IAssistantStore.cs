using Sept.Notebooks.Cells;

namespace Sept.Functions.Assistant;

/// <summary>Conversations with the assistant, per project and user. Every call stays inside one project (one Cosmos
/// partition); a user sees only their own messages and proposals. Lists come back oldest first (ties by id).</summary>
public interface IAssistantStore
{
    Task<IReadOnlyList<AssistantTurn>> ListAsync(ProjectId projectId, string userId, CancellationToken cancellationToken);

    Task AddMessageAsync(AssistantMessage message, CancellationToken cancellationToken);

    Task AddProposalAsync(AssistantProposal proposal, CancellationToken cancellationToken);

    Task<AssistantProposal?> GetProposalAsync(ProjectId projectId, string userId, string proposalId, CancellationToken cancellationToken);

    /// <summary>Moves a proposal from pending to <paramref name="status"/>; null when it does not exist or is no
    /// longer pending (two clicks: only one wins).</summary>
    Task<AssistantProposal?> DecideAsync(ProjectId projectId, string userId, string proposalId, string status, CancellationToken cancellationToken);

    /// <summary>Deletes the user's messages and proposals in the project.</summary>
    Task ClearAsync(ProjectId projectId, string userId, CancellationToken cancellationToken);
}
