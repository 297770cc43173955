using System.Text;
using Sept.Kernel.Execution;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Output;

/// <summary>Console.Out and Console.Error are replaced once by writers that send text to the cell running on the
/// current async flow (<see cref="CellRun.Current"/>); text written outside any cell goes to the process's own stream.</summary>
internal sealed class ConsoleRouter(TextWriter fallback, string stream) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public static void Install()
    {
        Console.SetOut(new ConsoleRouter(Console.Out, StreamNames.Stdout));
        Console.SetError(new ConsoleRouter(Console.Error, StreamNames.Stderr));
    }

    public override void Write(char value) => Write([value]);

    public override void Write(string? value) => Write(value.AsSpan());

    public override void Write(char[] buffer, int index, int count) => Write(buffer.AsSpan(index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        if (CellRun.Current is { } run) run.Write(stream, buffer);
        else fallback.Write(buffer);
    }

    public override void WriteLine(string? value)
    {
        Write(value.AsSpan());
        Write(CoreNewLine);
    }

    public override void WriteLine() => Write(CoreNewLine);

    public override void Flush()
    {
        if (CellRun.Current is null) fallback.Flush();
    }
}
