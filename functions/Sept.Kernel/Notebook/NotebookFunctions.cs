using Sept.Kernel.Execution;

namespace Sept.Kernel.Notebook;

/// <summary>Functions every cell can call unqualified (imported with <c>using static</c> at the start of the chain).</summary>
public static class NotebookFunctions
{
    /// <summary>Shows a value below the cell, formatted like a trailing expression (Polyglot Notebooks' habit).</summary>
    public static void display(object? value) => Display(value);

    /// <summary>Shows a value below the cell, formatted like a trailing expression.</summary>
    public static void Display(object? value) =>
        (CellRun.Current ?? throw new InvalidOperationException("Display works only while a cell runs.")).Display(value);

    public static MarkdownContent Markdown(string markdown) => new(markdown);

    public static HtmlContent Html(string html) => new(html);

    /// <summary>Cancelled when the user interrupts the cell or its time limit passes. Pass it to long operations.</summary>
    public static CancellationToken Cancellation => CellRun.Current?.Cancellation ?? CancellationToken.None;

    /// <summary>Like Thread.Sleep, but stops when the cell is interrupted.</summary>
    public static void Sleep(int milliseconds) => Task.Delay(milliseconds, Cancellation).GetAwaiter().GetResult();

    /// <summary>Like Task.Delay, but stops when the cell is interrupted.</summary>
    public static Task Delay(int milliseconds) => Task.Delay(milliseconds, Cancellation);

    /// <summary>Throws if the cell was interrupted; call it inside long loops.</summary>
    public static void CheckInterrupt() => Cancellation.ThrowIfCancellationRequested();
}
