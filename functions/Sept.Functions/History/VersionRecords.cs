using System.Text.Json;
using Sept.Functions.Identity;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.History;

/// <summary>Why a version exists: saved by someone, taken while editing, or kept just before a restore (the undo).</summary>
public enum VersionKind
{
    Manual,
    Auto,
    Restore,
}

/// <summary>One cell as a version keeps it: what the cell is (and who held its lock), not how it last ran.</summary>
public sealed record VersionCell(CellId Id, CellKind Kind, string Source, JsonElement? Config, OrderKey Order, CellLock? Lock = null);

/// <summary>The project's content at one moment; <see cref="Cells"/> in order.</summary>
public sealed record VersionSnapshot(string ProjectName, bool Reactive, IReadOnlyList<VersionCell> Cells);

/// <summary>What lists show about a version. <see cref="Id"/> is a Guid printed "N".</summary>
public sealed record VersionSummary(
    ProjectId ProjectId, string Id, string? Name, VersionKind Kind, SeptUser Author, DateTimeOffset CreatedAt, int CellCount);

/// <summary>A stored version: its summary and the cells it keeps.</summary>
public sealed record ProjectVersion(VersionSummary Summary, VersionSnapshot Snapshot)
{
    public static string NewId() => Guid.NewGuid().ToString("N");
}

/// <summary>The outcome of storing a version.</summary>
public abstract record VersionSaveOutcome
{
    public sealed record Saved(VersionSummary Summary) : VersionSaveOutcome;
    public sealed record ProjectMissing : VersionSaveOutcome;
}

/// <summary>Limits of the history.</summary>
public static class VersionLimits
{
    /// <summary>Versions kept per project; beyond it the oldest auto versions go first.</summary>
    public const int PerProject = 200;

    public const int MaxNameLength = 200;
}
