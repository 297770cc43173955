using System.Text.Json;
using Sept.Functions.Cells;
using Sept.Functions.Identity;
using Sept.Functions.Projects;

namespace Sept.Functions.History;

/// <summary>A version in lists (no cells).</summary>
public sealed record VersionSummaryDto(string Id, string? Name, VersionKind Kind, SeptUser Author, DateTimeOffset CreatedAt, int CellCount)
{
    public static VersionSummaryDto From(VersionSummary s) => new(s.Id, s.Name, s.Kind, s.Author, s.CreatedAt, s.CellCount);
}

/// <summary>A version with the project's name, mode and cells as they were.</summary>
public sealed record VersionDto(
    string Id, string? Name, VersionKind Kind, SeptUser Author, DateTimeOffset CreatedAt, int CellCount,
    string ProjectName, bool Reactive, IReadOnlyList<VersionCellDto> Cells)
{
    public static VersionDto From(ProjectVersion v) => new(
        v.Summary.Id, v.Summary.Name, v.Summary.Kind, v.Summary.Author, v.Summary.CreatedAt, v.Summary.CellCount,
        v.Snapshot.ProjectName, v.Snapshot.Reactive, [.. v.Snapshot.Cells.Select(VersionCellDto.From)]);
}

public sealed record VersionCellDto(string Id, string Kind, string Source, JsonElement? Config, string Order, Storage.CellLock? Lock = null)
{
    public static VersionCellDto From(VersionCell c) => new(c.Id.ToString(), CellMapping.KindName(c.Kind), c.Source, c.Config, c.Order.Value, c.Lock);
}

public sealed record SaveVersion(string? Name);

/// <summary>Restoring <see cref="UndoVersionId"/> undoes the restore.</summary>
public sealed record RestoredVersion(ProjectDto Project, string UndoVersionId);

/// <summary>Snapshot -> current, one entry per cell in either, in cell order.</summary>
public sealed record VersionDiffDto(IReadOnlyList<CellDiffDto> Cells);

/// <summary><see cref="Before"/> is the cell in the version, <see cref="After"/> the cell now (each when it exists);
/// <see cref="Lines"/> is the line diff of the source when it changed.</summary>
public sealed record CellDiffDto(
    string CellId, CellChange Change, string Kind, VersionCellDto? Before, VersionCellDto? After, IReadOnlyList<DiffLine>? Lines = null);

/// <summary>Added: only now. Removed: only in the version. Changed: source, config or kind differ (a changed cell may
/// also have moved). Moved: same content, other place among the cells both have. Unchanged: the rest.</summary>
public enum CellChange
{
    Added,
    Removed,
    Changed,
    Moved,
    Unchanged,
}

/// <summary>One line of a source diff: <see cref="Op"/> is " " (both), "+" (only now) or "-" (only in the version).</summary>
public sealed record DiffLine(string Op, string Text);
