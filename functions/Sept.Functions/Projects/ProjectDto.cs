using Sept.Functions.Cells;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Projects;

/// <summary>A project as the API returns it; <see cref="Cells"/> is null in lists. <see cref="Role"/> is the caller's
/// role (absent in realtime events, which go to everyone). <see cref="CellTimeoutSeconds"/>: the project's own cell
/// time limit (absent: the host's default; 0: none).</summary>
public sealed record ProjectDto(
    string Id, string Name, bool Reactive, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<CellDto>? Cells = null, string? WorkspaceId = null, WorkspaceRole? Role = null, int? CellTimeoutSeconds = null)
{
    public static ProjectDto From(ProjectRecord p, IReadOnlyList<CellDto>? cells = null) =>
        new(p.Id.ToString(), p.Name, p.Reactive, p.Version, p.CreatedAt, p.UpdatedAt, cells, p.WorkspaceId, CellTimeoutSeconds: p.CellTimeoutSeconds);
}

public sealed record CreateProject(string? Name, bool? Reactive, string? WorkspaceId = null);

/// <param name="CellTimeoutSeconds">0..<see cref="ProjectEndpoints.MaxCellTimeoutSeconds"/> (0: no limit); -1 goes back to the host's default.</param>
public sealed record UpdateProject(string? Name, bool? Reactive, long? Version, int? CellTimeoutSeconds = null);
