using System.Text;
using System.Text.Json;
using Sept.Functions.Storage;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Runs;

/// <summary>Turns one cell's kernel events into outputs: what to stream now and what to keep on the cell.
/// Consecutive stream chunks of the same name merge; payloads over the inline limit go to the output store
/// and the cell keeps a truncated preview with a link. The limit also holds per cell: once the cell's kept outputs
/// reach <see cref="CellLimit"/> bytes every further output goes to the store with a short preview, and after
/// <see cref="MaxKeptOutputs"/> outputs later ones are streamed live only (a cell row, and each run in history, stays
/// well under Cosmos DB's 2 MB item limit).</summary>
public sealed class OutputCollector(IOutputStore outputs, ProjectId projectId, string runId, CellId cellId, int inlineLimit)
{
    public const int MaxKeptOutputs = 1000;

    /// <summary>Smallest inline size once the cell's budget is spent: enough for a preview line and the link.</summary>
    private const int MinInline = 512;

    private readonly List<CellOutput> _kept = [];
    private int _stored;
    private long _inlineBytes;
    private bool _full;

    /// <summary>Inline bytes a cell keeps before outputs are only previewed.</summary>
    public long CellLimit => 4L * inlineLimit;

    public IReadOnlyList<CellOutput> Outputs => _kept;

    /// <summary>The output to stream for this event, or null for events that are not outputs.</summary>
    public async Task<CellOutput?> AddAsync(KernelEvent kernelEvent, CancellationToken cancellationToken)
    {
        CellOutput? output = kernelEvent switch
        {
            StreamEvent s => new StreamOutput(s.Name, s.Text),
            DisplayEvent d => new DisplayOutput(d.Data),
            ErrorEvent e => new ErrorOutput(e.Ename, e.Message, e.Line, e.Column),
            OutputTruncatedEvent t => new StreamOutput(StreamNames.Stderr, $"\n[output truncated: the cell printed more than {t.LimitBytes} bytes]\n"),
            _ => null,
        };
        if (output is null) return null;
        if (_full) return output; // shown live, not kept
        var limit = (int)Math.Clamp(CellLimit - _inlineBytes, MinInline, inlineLimit);
        (output, var size) = await ShrinkAsync(output, limit, cancellationToken);
        _inlineBytes += size;
        if (output is StreamOutput { Full: null } chunk && _kept.Count > 0 && _kept[^1] is StreamOutput { Full: null } last
            && last.Name == chunk.Name && last.Text.Length + chunk.Text.Length <= inlineLimit)
            _kept[^1] = last with { Text = last.Text + chunk.Text };
        else if (_kept.Count < MaxKeptOutputs)
            _kept.Add(output);
        else
        {
            _full = true;
            _kept.Add(new StreamOutput(StreamNames.Stderr, $"\n[this cell produced more than {MaxKeptOutputs} outputs; later ones were shown live only]\n"));
        }
        return output;
    }

    private async Task<(CellOutput Output, int Size)> ShrinkAsync(CellOutput output, int inlineLimit, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(output, StoreJson.Options);
        if (json.Length <= inlineLimit) return (output, json.Length);
        var path = $"outputs/{runId}/{cellId}-{_stored++}.json";
        using var content = new MemoryStream(json);
        var size = await outputs.PutAsync(projectId, path, content, "application/json", cancellationToken);
        var full = new FullOutput($"/api/projects/{projectId}/{path}", size);
        var budget = inlineLimit / 2;
        CellOutput preview = output switch
        {
            StreamOutput s => new StreamOutput(s.Name, Truncate(s.Text, budget), full),
            DisplayOutput d => new DisplayOutput(Preview(d.Data, budget), full),
            ErrorOutput e => e with { Message = Truncate(e.Message, budget) },
            _ => output,
        };
        return (preview, JsonSerializer.SerializeToUtf8Bytes(preview, StoreJson.Options).Length);
    }

    // A preview keeps text/plain (truncated) so the UI has something to show next to the link.
    private static Dictionary<string, JsonElement> Preview(IReadOnlyDictionary<string, JsonElement> data, int budget)
    {
        var text = data.TryGetValue("text/plain", out var plain) && plain.ValueKind == JsonValueKind.String
            ? plain.GetString()!
            : $"[{string.Join(", ", data.Keys)} output too large to show inline]";
        return new() { ["text/plain"] = JsonSerializer.SerializeToElement(Truncate(text, budget)) };
    }

    private static string Truncate(string text, int budget)
    {
        if (Encoding.UTF8.GetByteCount(text) <= budget) return text;
        return string.Concat(text.AsSpan(0, Math.Min(text.Length, budget / 2)), "\n… (truncated)");
    }
}
