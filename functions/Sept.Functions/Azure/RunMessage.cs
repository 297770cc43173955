using System.Text.Json;
using Sept.Functions.Runs;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Azure;

/// <summary>The body of a run message on the Service Bus "runs" queue (camelCase JSON). Explicit strings rather than
/// the typed ids, so the wire format does not follow refactors of <see cref="RunRequest"/>.</summary>
public sealed record RunMessage(string ProjectId, string RunId, IReadOnlyList<RunMessageCell> Cells, DateTimeOffset RequestedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static RunMessage Of(RunRequest request) => new(
        request.ProjectId.ToString(), request.RunId,
        [.. request.Cells.Select(c => new RunMessageCell(c.CellId.ToString(), c.Reason, [.. c.DependsOn.Select(d => d.ToString())]))],
        request.RequestedAt);

    public byte[] ToUtf8() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>The run request, or why the body is not one.</summary>
    public static (RunRequest? Request, string? Problem) Parse(ReadOnlyMemory<byte> body)
    {
        RunMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<RunMessage>(body.Span, Json);
        }
        catch (JsonException e)
        {
            return (null, $"The run message is not valid JSON: {e.Message}");
        }
        if (message is null || !Notebooks.Cells.ProjectId.TryParse(message.ProjectId, out var projectId))
            return (null, "The run message has no valid projectId.");
        if (string.IsNullOrWhiteSpace(message.RunId)) return (null, "The run message has no runId.");
        var cells = new List<PlannedRun>();
        foreach (var cell in message.Cells ?? [])
        {
            if (!CellId.TryParse(cell.CellId, out var cellId)) return (null, $"The run message names an invalid cell id '{cell.CellId}'.");
            var dependsOn = new List<CellId>();
            foreach (var d in cell.DependsOn ?? [])
                if (CellId.TryParse(d, out var dependency)) dependsOn.Add(dependency);
                else return (null, $"The run message names an invalid dependency '{d}'.");
            cells.Add(new PlannedRun(cellId, cell.Reason ?? "requested", dependsOn));
        }
        return (new RunRequest(projectId, message.RunId, cells, message.RequestedAt), null);
    }
}

public sealed record RunMessageCell(string CellId, string Reason, IReadOnlyList<string> DependsOn);
