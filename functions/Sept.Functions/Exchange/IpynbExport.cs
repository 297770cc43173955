using System.Text.Json;
using System.Text.Json.Nodes;
using Sept.Functions.Cells;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Exchange;

/// <summary>Writes nbformat 4.5 with Polyglot Notebooks metadata (C# kernel), so Jupyter and VS Code open it.
/// Each cell keeps its Sept kind and config under metadata.sept; outputs are written as nbformat outputs.</summary>
public static class IpynbExport
{
    public static string Write(NotebookFile notebook)
    {
        var cells = new JsonArray();
        foreach (var cell in notebook.Cells) cells.Add(Cell(cell));
        var root = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                ["polyglot_notebook"] = new JsonObject
                {
                    ["kernelInfo"] = new JsonObject
                    {
                        ["defaultKernelName"] = "csharp",
                        ["items"] = new JsonArray(new JsonObject { ["name"] = "csharp" }, new JsonObject { ["name"] = "sql" }),
                    },
                },
                ["sept"] = new JsonObject { ["name"] = notebook.Name, ["reactive"] = notebook.Reactive },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject Cell(NotebookFileCell cell)
    {
        var sept = new JsonObject { ["kind"] = CellMapping.KindName(cell.Kind) };
        if (cell.Config is { } config) sept["config"] = JsonNode.Parse(config.GetRawText());
        var metadata = new JsonObject { ["sept"] = sept };
        if (cell.Kind != CellKind.Markdown)
            metadata["polyglot_notebook"] = new JsonObject { ["kernelName"] = cell.Kind == CellKind.Sql ? "sql" : "csharp" };
        var node = new JsonObject
        {
            ["cell_type"] = cell.Kind == CellKind.Markdown ? "markdown" : "code",
            ["id"] = cell.Id ?? Guid.NewGuid().ToString("N"),
            ["metadata"] = metadata,
            ["source"] = Lines(cell.Source),
        };
        if (cell.Kind == CellKind.Markdown) return node;
        node["execution_count"] = cell.ExecutionCount > 0 ? cell.ExecutionCount : null;
        var outputs = new JsonArray();
        foreach (var output in cell.Outputs) outputs.Add(Output(output));
        node["outputs"] = outputs;
        return node;
    }

    private static JsonObject Output(CellOutput output) => output switch
    {
        StreamOutput s => new JsonObject { ["output_type"] = "stream", ["name"] = s.Name, ["text"] = Lines(s.Text) },
        DisplayOutput d => new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = new JsonObject(d.Data.Select(p => KeyValuePair.Create(p.Key, JsonNode.Parse(p.Value.GetRawText())))),
            ["metadata"] = new JsonObject(),
        },
        ErrorOutput e => new JsonObject
        {
            ["output_type"] = "error",
            ["ename"] = e.Ename,
            ["evalue"] = e.Message,
            ["traceback"] = new JsonArray(),
        },
        _ => new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "" },
    };

    // nbformat stores multi-line strings as a list of lines, each keeping its newline.
    private static JsonArray Lines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
