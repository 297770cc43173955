using System.Text.Json.Serialization;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Storage.Cosmos;

// Workspace documents in the "notebook" container (PK /projectId), one partition per lookup, since the container
// allows no cross-partition queries (see CosmosWorkspaceStore for the layout).

internal sealed record WorkspaceDocument(
    string Id, string ProjectId, string Type, string WorkspaceId, string Slug, string Name, long Version, DateTimeOffset CreatedAt,
    [property: JsonPropertyName("_etag")] string? ETag = null)
{
    public const string DocumentId = "workspace";

    public static WorkspaceDocument Of(WorkspaceRecord w) =>
        new(DocumentId, CosmosWorkspaceStore.WorkspacePartition(w.Id), "workspace", w.Id, w.Slug, w.Name, w.Version, w.CreatedAt);

    public WorkspaceRecord ToRecord() => new(WorkspaceId, Slug, Name, Version, CreatedAt);
}

internal sealed record MemberDocument(
    string Id, string ProjectId, string Type, string WorkspaceId, string Email, string? UserId, string Name, string Role, DateTimeOffset AddedAt)
{
    /// <summary>Cosmos ids may not hold '/', '\', '?' or '#'; those (rare in emails) become '_'.</summary>
    public static string IdOf(string email) =>
        $"member:{email.Replace('/', '_').Replace('\\', '_').Replace('?', '_').Replace('#', '_')}";

    public static MemberDocument Of(MemberRecord m) =>
        new(IdOf(m.Email), CosmosWorkspaceStore.WorkspacePartition(m.WorkspaceId), "member", m.WorkspaceId, m.Email, m.UserId, m.Name,
            m.Role.ToString(), m.AddedAt);

    public MemberRecord ToRecord() => new(WorkspaceId, Email, UserId, Name, Enum.Parse<WorkspaceRole>(Role), AddedAt);
}

/// <summary>A pointer from a lookup partition (slug, email or user id) to a workspace; id = the slug or workspace id.</summary>
internal sealed record WorkspacePointer(string Id, string ProjectId, string Type, string WorkspaceId, string? Email = null);
