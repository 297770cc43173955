using System.Text;
using System.Text.Json;
using Sept.Functions.Cells;
using Sept.Functions.Editor;
using Sept.Functions.Storage;
using Sept.Kernel.Protocol;
using Sept.LanguageServices.Features;

namespace Sept.Functions.Assistant;

/// <summary>What the model is told about one project: its cells (kind, state, reads/writes, problems, errors, source),
/// the names the cells declare with their C# types, SQL result schemas, uploaded file names and the selected cell,
/// within <see cref="AssistantOptions.ContextBudgetChars"/>. Only this project's notebook goes in: no settings, keys,
/// connection credentials or other projects (docs/security.md "The assistant").</summary>
public static class AssistantContext
{
    public const string Instructions = """
        You are the assistant of Sept, a reactive C# data notebook. Cells are C# script (one submission chain: a cell sees
        the names of the cells above it), DuckDB SQL (a SELECT's result becomes a C# variable of type SqlResult named by the
        cell's result name), Markdown, charts and inputs. Answer briefly. Use the tools to read cells, list variables,
        describe tables and sample rows instead of guessing. To change the notebook, call propose_cell, propose_edit or
        propose_run: nothing changes until the user accepts. Each proposed C# cell is compiled against the notebook; if the
        tool answers that it does not compile, fix it and propose again.
        """;

    public static async Task<string> BuildAsync(EditorContext editor, IReadOnlyList<string> files, string? selectedCellId,
        int budget, CancellationToken cancellationToken)
    {
        var cells = editor.Loaded.ToDto().Cells ?? [];
        var variables = await NotebookVariables.ListAsync(editor.Snapshot, cancellationToken);
        var text = new StringBuilder();
        text.Append("Project: ").Append(editor.Loaded.Project.Name).Append(editor.Loaded.Project.Reactive ? " (reactive)" : "").Append('\n');
        if (selectedCellId is not null && cells.FirstOrDefault(c => c.Id == selectedCellId) is { } selected)
            text.Append("Selected cell: ").Append(Label(cells, selected)).Append('\n');
        text.Append("Uploaded files (readable by name from cells): ").Append(files.Count == 0 ? "none" : string.Join(", ", files)).Append('\n');
        text.Append("Variables (name: C# type, declaring cell):\n");
        foreach (var v in variables)
            text.Append("- ").Append(v.Name).Append(": ").Append(v.Type).Append(v.Kind == "variable" ? "" : $" [{v.Kind}]")
                .Append(" (cell ").Append(editor.Snapshot.NumberOf(Notebooks.Cells.CellId.Parse(v.CellId))).Append(")\n");
        text.Append("Cells:\n");
        // Headers of all cells first; sources fill what is left of the budget, the selected cell's first.
        var headers = cells.Select(c => Header(cells, c)).ToList();
        var used = text.Length + headers.Sum(h => h.Length);
        var sourceBudget = Math.Max(0, budget - used);
        var withSource = new HashSet<string>();
        foreach (var cell in cells.OrderBy(c => c.Id == selectedCellId ? 0 : 1))
        {
            if (cell.Source.Length + 16 > sourceBudget) continue;
            sourceBudget -= cell.Source.Length + 16;
            withSource.Add(cell.Id);
        }
        for (var i = 0; i < cells.Count; i++)
        {
            text.Append(headers[i]);
            text.Append(withSource.Contains(cells[i].Id)
                ? $"```\n{cells[i].Source}\n```\n"
                : "(source left out for length: call read_cell)\n");
        }
        return text.Length <= budget ? text.ToString() : text.ToString(0, budget);
    }

    public static string Label(IReadOnlyList<CellDto> cells, CellDto cell) =>
        $"cell {cells.ToList().FindIndex(c => c.Id == cell.Id) + 1} (id {cell.Id}, {cell.Kind})";

    private static string Header(IReadOnlyList<CellDto> cells, CellDto cell)
    {
        var line = new StringBuilder("## ").Append(Label(cells, cell)).Append(", state ").Append(cell.State);
        if (cell.Reads.Count > 0) line.Append(", reads ").Append(string.Join(", ", cell.Reads));
        if (cell.Writes.Count > 0) line.Append(", writes ").Append(string.Join(", ", cell.Writes));
        line.Append('\n');
        foreach (var problem in cell.Problems.Where(p => p.IsError))
            line.Append("problem: ").Append(problem.Message).Append(problem.Line is { } l ? $" (line {l})" : "").Append('\n');
        foreach (var error in cell.Outputs.OfType<ErrorOutput>())
            line.Append("error: ").Append(error.Ename).Append(": ").Append(Shorten(error.Message, 600)).Append('\n');
        if (TableSchema(cell) is { } schema) line.Append("result columns: ").Append(schema).Append('\n');
        return line.ToString();
    }

    /// <summary>"name TYPE, ..." of the table a cell's last run showed, with its row count; null without one.</summary>
    public static string? TableSchema(CellDto cell)
    {
        foreach (var display in cell.Outputs.OfType<DisplayOutput>())
        {
            if (!display.Data.TryGetValue(MimeTypes.Table, out var table) || table.ValueKind != JsonValueKind.Object
                || !table.TryGetProperty("columns", out var columns)) continue;
            var names = columns.EnumerateArray().Select(c => $"{Text(c, "name")} {Text(c, "type")}");
            var rows = table.TryGetProperty("totalRows", out var total) && total.ValueKind == JsonValueKind.Number ? $" ({total.GetInt64()} rows)" : "";
            return string.Join(", ", names) + rows;
        }
        return null;
    }

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..max] + "…";

    private static string Text(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "?";
}
