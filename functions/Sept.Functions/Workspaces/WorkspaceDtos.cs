namespace Sept.Functions.Workspaces;

/// <summary>A workspace as the API shows it, with the caller's role.</summary>
public sealed record WorkspaceDto(string Id, string Slug, string Name, WorkspaceRole Role, long Version, DateTimeOffset CreatedAt)
{
    public static WorkspaceDto From(Membership m) => From(m.Workspace, m.Role);

    public static WorkspaceDto From(WorkspaceRecord w, WorkspaceRole role) => new(w.Id, w.Slug, w.Name, role, w.Version, w.CreatedAt);
}

public sealed record MemberDto(string Email, string? UserId, string Name, WorkspaceRole Role, DateTimeOffset AddedAt)
{
    public static MemberDto From(MemberRecord m) => new(m.Email, m.UserId, m.Name, m.Role, m.AddedAt);
}

public sealed record CreateWorkspace(string? Name, string? Slug);

public sealed record UpdateWorkspace(string? Name, string? Slug);

public sealed record AddMember(string? Email, WorkspaceRole? Role, string? Name);

public sealed record UpdateMember(WorkspaceRole? Role);
