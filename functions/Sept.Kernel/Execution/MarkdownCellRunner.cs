using System.Text;
using Sept.Kernel.Formatting;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Execution;

/// <summary>A Markdown cell: <c>{name}</c> is replaced by the value of the notebook variable it binds to, then Markdig renders it.</summary>
public sealed class MarkdownCellRunner(NotebookValues values)
{
    internal Task<CellOutcome> RunAsync(ExecuteRequest request, CellRun run, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        run.Display(DisplayFormatter.Markdown(Interpolate(request)));
        return Task.FromResult(CellOutcome.Success);
    }

    private string Interpolate(ExecuteRequest request)
    {
        var source = request.Source;
        var text = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var open = source.IndexOf('{', i);
            var close = open < 0 ? -1 : source.IndexOf('}', open);
            if (open < 0 || close < 0)
            {
                text.Append(source, i, source.Length - i);
                break;
            }
            var name = source[(open + 1)..close].Trim();
            text.Append(source, i, open - i);
            if (values.TryGet(request, name, out var value)) text.Append(JsonValues.Text(value));
            else text.Append(source, open, close - open + 1);
            i = close + 1;
        }
        return text.ToString();
    }
}
