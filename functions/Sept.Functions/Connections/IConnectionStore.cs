using Sept.Functions.Storage;

namespace Sept.Functions.Connections;

/// <summary>Connections per workspace; names are unique in a workspace (case-insensitively), since SQL cells name them.</summary>
public interface IConnectionStore
{
    /// <summary>Ordered by name.</summary>
    Task<IReadOnlyList<ConnectionRecord>> ListAsync(string workspaceId, CancellationToken cancellationToken);

    Task<ConnectionRecord?> GetAsync(string workspaceId, string connectionId, CancellationToken cancellationToken);

    /// <summary>The connection with this name (any case); null when there is none.</summary>
    Task<ConnectionRecord?> FindByNameAsync(string workspaceId, string name, CancellationToken cancellationToken);

    /// <summary>Stores a new connection (Version 1). Exists when the name is taken in the workspace.</summary>
    Task<SaveOutcome<ConnectionRecord>> CreateAsync(ConnectionRecord connection, CancellationToken cancellationToken);

    /// <summary>Replaces the connection when the stored Version equals <paramref name="expectedVersion"/>; bumps Version.
    /// Exists when the new name belongs to another connection; NotFound when it is gone.</summary>
    Task<SaveOutcome<ConnectionRecord>> UpdateAsync(ConnectionRecord connection, long expectedVersion, CancellationToken cancellationToken);

    Task<bool> DeleteAsync(string workspaceId, string connectionId, CancellationToken cancellationToken);
}
