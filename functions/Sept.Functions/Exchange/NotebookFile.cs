using System.Text.Json;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Exchange;

/// <summary>A notebook read from or written to a file: what import creates and export writes.</summary>
public sealed record NotebookFile(string Name, bool Reactive, IReadOnlyList<NotebookFileCell> Cells);

public sealed record NotebookFileCell(
    CellKind Kind, string Source, JsonElement? Config, IReadOnlyList<CellOutput> Outputs, int ExecutionCount, string? Id = null);

/// <summary>Reading a file either gives a notebook or says what is wrong with the file.</summary>
public sealed record ImportResult(NotebookFile? Notebook, string? Problem)
{
    public static ImportResult Fail(string problem) => new(null, problem);
}
