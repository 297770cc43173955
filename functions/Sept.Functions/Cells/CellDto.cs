using System.Text.Json;
using Sept.Functions.Storage;

namespace Sept.Functions.Cells;

/// <summary>A cell as the API and realtime events show it: stored fields plus what analysis says about it.
/// <see cref="Lock"/> is set while someone holds the cell's lock. While the cell runs, <see cref="RunId"/> and
/// <see cref="OutputSequence"/> say which run <see cref="Outputs"/> come from and how many of its streamed output events
/// they already hold (a client skips realtime outputs of that run with a lower sequence).</summary>
public sealed record CellDto(
    string Id,
    string ProjectId,
    string Kind,
    string Source,
    JsonElement? Config,
    string Order,
    long Version,
    long Revision,
    IReadOnlyList<string> Reads,
    IReadOnlyList<string> Writes,
    IReadOnlyList<CellProblem> Problems,
    string State,
    IReadOnlyList<CellOutput> Outputs,
    int ExecutionCount,
    double? LastRunMs,
    DateTimeOffset UpdatedAt,
    CellLock? Lock = null,
    string? RunId = null,
    int? OutputSequence = null);

/// <summary>A message on a cell: an unbound read ("name not defined by any cell above"), a compile diagnostic,
/// a cycle. Line and column are 1-based inside the cell when known.</summary>
public sealed record CellProblem(string Code, string Message, bool IsError, int? Line = null, int? Column = null);

public sealed record CreateCell(string? Kind, string? Source, string? AfterCellId, JsonElement? Config);

public sealed record UpdateCell(string? Source, JsonElement? Config);

public sealed record MoveCell(string? AfterCellId);
