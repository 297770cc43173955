using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Cells;

/// <summary>Stored cell to API cell, and the wire names of kinds and states.</summary>
public static class CellMapping
{
    public static CellDto ToDto(CellRecord cell, IReadOnlyList<string> reads, IReadOnlyList<string> writes, IReadOnlyList<CellProblem> problems) =>
        new(cell.Id.ToString(), cell.ProjectId.ToString(), KindName(cell.Kind), cell.Source, cell.Config, cell.Order.Value,
            cell.Version, cell.Revision, reads, writes, problems, StateName(cell.Run.State), cell.Run.Outputs,
            cell.Run.ExecutionCount, cell.Run.LastRunMs, cell.UpdatedAt, cell.Lock,
            cell.Run is { State: CellState.Running, RunId: { } runId } ? runId : null,
            cell.Run is { State: CellState.Running, RunId: not null } ? cell.Run.OutputSequence : null);

    public static string KindName(CellKind kind) => kind.ToString().ToLowerInvariant();

    public static string StateName(CellState state) => state.ToString().ToLowerInvariant();

    public static bool TryParseKind(string? text, out CellKind kind)
    {
        kind = default;
        return text is not null && text.All(char.IsAsciiLetterLower) && Enum.TryParse(text, ignoreCase: true, out kind)
            && Enum.IsDefined(kind);
    }
}
