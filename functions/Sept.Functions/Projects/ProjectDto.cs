using Sept.Functions.Cells;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Projects;

/// <summary>A project as the API returns it; <see cref="Cells"/> is null in lists. <see cref="Role"/> is the caller's
/// role (absent in realtime events, which go to everyone).</summary>
public sealed record ProjectDto(
    string Id, string Name, bool Reactive, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<CellDto>? Cells = null, string? WorkspaceId = null, WorkspaceRole? Role = null)
{
    public static ProjectDto From(ProjectRecord p, IReadOnlyList<CellDto>? cells = null) =>
        new(p.Id.ToString(), p.Name, p.Reactive, p.Version, p.CreatedAt, p.UpdatedAt, cells, p.WorkspaceId);
}

public sealed record CreateProject(string? Name, bool? Reactive, string? WorkspaceId = null);

public sealed record UpdateProject(string? Name, bool? Reactive, long? Version);
