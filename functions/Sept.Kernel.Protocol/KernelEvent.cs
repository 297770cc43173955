using System.Text.Json;
using System.Text.Json.Serialization;

namespace Sept.Kernel.Protocol;

/// <summary>One line of the execute stream. The "type" property discriminates.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(StartedEvent), "started")]
[JsonDerivedType(typeof(StreamEvent), "stream")]
[JsonDerivedType(typeof(DisplayEvent), "display")]
[JsonDerivedType(typeof(ErrorEvent), "error")]
[JsonDerivedType(typeof(OutputTruncatedEvent), "truncated")]
[JsonDerivedType(typeof(FinishedEvent), "finished")]
public abstract record KernelEvent(string RunId, string CellId);

public sealed record StartedEvent(string RunId, string CellId, int ExecutionCount = 0) : KernelEvent(RunId, CellId);

/// <summary>A chunk of stdout or stderr, sent while the cell runs.</summary>
public sealed record StreamEvent(string RunId, string CellId, string Name, string Text) : KernelEvent(RunId, CellId);

/// <summary>A rich value: MIME type to payload (a string for text/*, image/* as base64, JSON for JSON types).</summary>
public sealed record DisplayEvent(string RunId, string CellId, IReadOnlyDictionary<string, JsonElement> Data)
    : KernelEvent(RunId, CellId);

/// <summary>A compile or runtime error, located inside the cell (1-based) when it can be.
/// Ename: the exception type name, "CompilationError", "Interrupted", "Timeout" or "KernelRestarted".</summary>
public sealed record ErrorEvent(
    string RunId, string CellId, string Ename, string Message, int? Line = null, int? Column = null, string? Stack = null)
    : KernelEvent(RunId, CellId);

/// <summary>The cell's output passed the size cap; nothing more of it is sent.</summary>
public sealed record OutputTruncatedEvent(string RunId, string CellId, long LimitBytes) : KernelEvent(RunId, CellId);

/// <summary>Last event of a run. Status: success | error | cancelled. The kernel's submission count and
/// working set after the run let the host decide when to compact (restart and replay).</summary>
public sealed record FinishedEvent(
    string RunId, string CellId, string Status, double DurationMs, int SubmissionCount = 0, long WorkingSetBytes = 0,
    int CompileCount = 0)
    : KernelEvent(RunId, CellId);

public static class StreamNames
{
    public const string Stdout = "stdout";
    public const string Stderr = "stderr";
}

public static class RunStatus
{
    public const string Success = "success";
    public const string Error = "error";
    public const string Cancelled = "cancelled";
}

/// <summary>MIME types the kernel produces.</summary>
public static class MimeTypes
{
    public const string Text = "text/plain";
    public const string Html = "text/html";
    public const string Markdown = "text/markdown";
    public const string Png = "image/png";
    public const string VegaLite = "application/vnd.vegalite.v5+json";
    public const string Table = "application/vnd.sept.table+json";
}
