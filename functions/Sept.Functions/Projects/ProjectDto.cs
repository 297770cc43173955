using Sept.Functions.Cells;
using Sept.Functions.Storage;

namespace Sept.Functions.Projects;

/// <summary>A project as the API returns it; <see cref="Cells"/> is null in lists.</summary>
public sealed record ProjectDto(
    string Id, string Name, bool Reactive, long Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    IReadOnlyList<CellDto>? Cells = null)
{
    public static ProjectDto From(ProjectRecord p, IReadOnlyList<CellDto>? cells = null) =>
        new(p.Id.ToString(), p.Name, p.Reactive, p.Version, p.CreatedAt, p.UpdatedAt, cells);
}

public sealed record CreateProject(string? Name, bool? Reactive);

public sealed record UpdateProject(string? Name, bool? Reactive, long? Version);
