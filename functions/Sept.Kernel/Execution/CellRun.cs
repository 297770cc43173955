using System.Text;
using System.Threading.Channels;
using Sept.Kernel.Formatting;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Execution;

/// <summary>One execution of one cell: collects its stdout/stderr, display values and errors into the event stream,
/// enforces the output cap, and carries the cell's cancellation token. Ambient through <see cref="Current"/>
/// (an AsyncLocal), so Console writes and display helpers reach the right cell.</summary>
public sealed class CellRun
{
    private static readonly AsyncLocal<CellRun?> current = new();

    private readonly ChannelWriter<KernelEvent> events;
    private readonly DisplayFormatter formatter;
    private readonly long maxOutputBytes;
    private readonly Lock gate = new();
    private readonly List<(string Stream, StringBuilder Text)> pending = [];
    private long usedBytes;
    private bool truncated;
    private bool truncationSent;
    private bool completed;

    internal CellRun(string runId, string cellId, ChannelWriter<KernelEvent> events, DisplayFormatter formatter,
        long maxOutputBytes, CancellationToken cancellation)
    {
        RunId = runId;
        CellId = cellId;
        this.events = events;
        this.formatter = formatter;
        this.maxOutputBytes = maxOutputBytes;
        Cancellation = cancellation;
    }

    /// <summary>The cell running on this async flow, if any.</summary>
    public static CellRun? Current => current.Value;

    public string RunId { get; }
    public string CellId { get; }
    public CancellationToken Cancellation { get; }

    internal static void Enter(CellRun? run) => current.Value = run;

    internal void Write(string stream, ReadOnlySpan<char> text)
    {
        lock (gate)
        {
            if (completed || truncated || text.IsEmpty) return;
            var bytes = Encoding.UTF8.GetByteCount(text);
            if (usedBytes + bytes > maxOutputBytes)
            {
                // Keep the part that fits (counting chars as bytes is close enough for a cut-off point).
                text = text[..(int)Math.Max(0, Math.Min(text.Length, maxOutputBytes - usedBytes))];
                truncated = true;
            }
            usedBytes += text.Length;
            if (pending.Count == 0 || pending[^1].Stream != stream) pending.Add((stream, new StringBuilder()));
            pending[^1].Text.Append(text);
        }
    }

    /// <summary>Formats a value and sends it as a display output.</summary>
    public void Display(object? value) => Display(formatter.Format(value, CellId));

    internal void Display(IReadOnlyDictionary<string, System.Text.Json.JsonElement> bundle)
    {
        if (bundle.Count == 0) return;
        var bytes = bundle.Values.Sum(v => (long)v.GetRawText().Length);
        lock (gate)
        {
            if (completed || truncated) return;
            if (usedBytes + bytes > maxOutputBytes)
            {
                truncated = true;
                FlushLocked();
                return;
            }
            usedBytes += bytes;
            FlushLocked();
            events.TryWrite(new DisplayEvent(RunId, CellId, bundle));
        }
    }

    internal void Error(string ename, string message, int? line = null, int? column = null, string? stack = null)
    {
        lock (gate)
        {
            if (completed) return;
            FlushLocked();
            events.TryWrite(new ErrorEvent(RunId, CellId, ename, message, line, column, stack));
        }
    }

    internal void Flush()
    {
        lock (gate) FlushLocked();
    }

    /// <summary>Sends what is left and the finished event; later writes (from tasks the cell left behind) are dropped.</summary>
    internal void Complete(FinishedEvent finished)
    {
        lock (gate)
        {
            FlushLocked();
            completed = true;
            events.TryWrite(finished);
            events.TryComplete();
        }
    }

    private void FlushLocked()
    {
        foreach (var (stream, text) in pending)
            events.TryWrite(new StreamEvent(RunId, CellId, stream, text.ToString()));
        pending.Clear();
        if (truncated && !truncationSent)
        {
            truncationSent = true;
            var megabytes = maxOutputBytes / (1024.0 * 1024.0);
            events.TryWrite(new StreamEvent(RunId, CellId, StreamNames.Stderr,
                $"\n[output truncated: this cell's output exceeded {megabytes:0.##} MB]\n"));
            events.TryWrite(new OutputTruncatedEvent(RunId, CellId, maxOutputBytes));
        }
    }
}
