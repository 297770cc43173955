using System.ComponentModel;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Sept.Functions.Cells;
using Sept.Functions.Editor;
using Sept.Functions.Kernels;
using Sept.LanguageServices.Features;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Assistant;

/// <summary>The functions the model may call during one answer, over one project only. Reading tools answer from the
/// notebook and (sample_rows) the project's kernel; propose_* check the proposal (<see cref="ProposalChecks"/>),
/// send a failing one back for up to MaxRepairRounds, then record it as pending for the user to accept.</summary>
public sealed class AssistantTools(
    EditorContext editor, ProposalChecks checks, IKernelHost kernels, AssistantOptions options, string userId, string messageId,
    TimeProvider clock, Func<string, string, Task> toolCalled, Func<AssistantProposal, Task> proposed)
{
    private int _failedRounds;
    private IReadOnlyList<CellDto> Cells => editor.Loaded.ToDto().Cells ?? [];

    public IList<AITool> All =>
    [
        AIFunctionFactory.Create(ReadCellAsync, "read_cell", "The full source, state, problems and outputs of one cell."),
        AIFunctionFactory.Create(ListVariablesAsync, "list_variables", "The names the cells declare with their C# types."),
        AIFunctionFactory.Create(DescribeTableAsync, "describe_table", "The columns (name and type) and row count of a SQL result or a cell's table."),
        AIFunctionFactory.Create(SampleRowsAsync, "sample_rows", "A few rows of the table a cell produced in the running kernel."),
        AIFunctionFactory.Create(SearchCellsAsync, "search_cells", "Cells whose source contains a text."),
        AIFunctionFactory.Create(ProposeCellAsync, "propose_cell", "Propose a new cell (the user accepts or rejects it)."),
        AIFunctionFactory.Create(ProposeEditAsync, "propose_edit", "Propose a new source for an existing cell (shown as a diff)."),
        AIFunctionFactory.Create(ProposeRunAsync, "propose_run", "Propose running a cell; it runs only when the user confirms."),
    ];

    private async Task<string> ReadCellAsync([Description("cell id or 1-based cell number")] string cell)
    {
        await toolCalled("read_cell", $"cell {cell}");
        if (Find(cell) is not { } found) return $"There is no cell {cell}.";
        var outputs = string.Join("\n", found.Outputs.Select(o => AssistantContext.Shorten(CellOutputText.Of(o), 2000)));
        return $"{AssistantContext.Label(Cells, found)}, state {found.State}\n```\n{found.Source}\n```\n" +
            string.Join("\n", found.Problems.Select(p => $"problem: {p.Message}")) + (outputs.Length > 0 ? $"\noutputs:\n{outputs}" : "");
    }

    private async Task<string> ListVariablesAsync(CancellationToken cancellationToken)
    {
        await toolCalled("list_variables", "");
        var variables = await NotebookVariables.ListAsync(editor.Snapshot, cancellationToken);
        return variables.Count == 0 ? "No cell declares anything yet." : string.Join("\n", variables.Select(v => $"{v.Name}: {v.Type} [{v.Kind}]"));
    }

    private async Task<string> DescribeTableAsync([Description("a SQL result name, or a cell id or number")] string name)
    {
        await toolCalled("describe_table", name);
        var cell = Find(name) ?? Cells.FirstOrDefault(c => c.Writes.Contains(name));
        if (cell is null) return $"No cell defines {name}.";
        return AssistantContext.TableSchema(cell) is { } schema
            ? $"{name}: {schema}"
            : $"{AssistantContext.Label(Cells, cell)} has shown no table yet (state {cell.State}); run it first.";
    }

    private async Task<string> SampleRowsAsync([Description("a SQL result name, or a cell id or number")] string name, CancellationToken cancellationToken)
    {
        await toolCalled("sample_rows", name);
        var cell = Find(name) ?? Cells.FirstOrDefault(c => c.Writes.Contains(name));
        if (cell is null || !Notebooks.Cells.CellId.TryParse(cell.Id, out var id)) return $"No cell defines {name}.";
        var page = await kernels.GetTablePageAsync(editor.Loaded.Project.Id, id, 0, Math.Max(1, options.SampleRows), cancellationToken);
        return page is { } rows ? AssistantContext.Shorten(rows.GetRawText(), 8000) : "The kernel holds no table of that cell; run it first.";
    }

    private async Task<string> SearchCellsAsync([Description("text to look for")] string text)
    {
        await toolCalled("search_cells", text);
        var found = Cells.Where(c => c.Source.Contains(text, StringComparison.OrdinalIgnoreCase)).Select(c => AssistantContext.Label(Cells, c)).ToList();
        return found.Count == 0 ? "No cell contains that." : string.Join("\n", found);
    }

    private Task<string> ProposeCellAsync(
        [Description("code (C#), sql (DuckDB) or markdown")] string kind, [Description("the cell's source")] string source,
        [Description("id of the cell to insert after; omit for the end")] string? afterCellId = null, string? explanation = null,
        CancellationToken cancellationToken = default)
    {
        if (kind is not ("code" or "sql" or "markdown")) return Task.FromResult("kind must be code, sql or markdown.");
        CellDto? after = null;
        if (afterCellId is not null && (after = Find(afterCellId)) is null) return Task.FromResult($"There is no cell {afterCellId}.");
        return ProposeAsync("newCell", null, after?.Id, kind, source, null, explanation, cancellationToken);
    }

    private Task<string> ProposeEditAsync([Description("cell id or number")] string cellId, [Description("the whole new source")] string source,
        string? explanation = null, CancellationToken cancellationToken = default) =>
        Find(cellId) is { } cell
            ? ProposeAsync("editCell", cell.Id, null, cell.Kind, source, cell.Source, explanation, cancellationToken)
            : Task.FromResult($"There is no cell {cellId}.");

    private Task<string> ProposeRunAsync([Description("cell id or number")] string cellId, string? explanation = null,
        CancellationToken cancellationToken = default) =>
        Find(cellId) is { } cell
            ? ProposeAsync("runCell", cell.Id, null, cell.Kind, cell.Source, null, explanation, cancellationToken)
            : Task.FromResult($"There is no cell {cellId}.");

    private async Task<string> ProposeAsync(string kind, string? cellId, string? afterCellId, string cellKind, string source,
        string? previousSource, string? explanation, CancellationToken cancellationToken)
    {
        await toolCalled(kind switch { "newCell" => "propose_cell", "editCell" => "propose_edit", _ => "propose_run" }, cellId ?? cellKind);
        var check = kind == "runCell"
            ? new ProposalChecks.Result(null, [])
            : await checks.CheckAsync(editor, cellKind, cellId is null ? null : CellId.Parse(cellId),
                afterCellId is null ? null : CellId.Parse(afterCellId), source, cancellationToken);
        if (check.Compiles == false && _failedRounds < options.MaxRepairRounds)
        {
            _failedRounds++;
            return $"Not shown to the user: it does not compile (repair round {_failedRounds} of {options.MaxRepairRounds}). Fix it and propose again.\n" +
                string.Join("\n", check.Diagnostics.Select(d => $"{d.Severity}{(d.Line is { } l ? $" line {l}" : "")}: {d.Message}"));
        }
        var proposal = new AssistantProposal(editor.Loaded.Project.Id, userId, messageId, Guid.NewGuid().ToString("N"), kind, cellId,
            afterCellId, cellKind, source, previousSource, explanation, check.Compiles, check.Diagnostics, _failedRounds,
            AssistantProposal.Pending, clock.GetUtcNow());
        _failedRounds = 0;
        await proposed(proposal);
        return check.Compiles == false
            ? "Shown to the user with its compile errors (no repair rounds left)."
            : "Shown to the user; it is applied only if they accept it.";
    }

    private CellDto? Find(string cell)
    {
        var cells = Cells;
        if (int.TryParse(cell.Trim().TrimStart('#'), out var number)) return number >= 1 && number <= cells.Count ? cells[number - 1] : null;
        return cells.FirstOrDefault(c => string.Equals(c.Id, cell.Trim(), StringComparison.OrdinalIgnoreCase));
    }
}
