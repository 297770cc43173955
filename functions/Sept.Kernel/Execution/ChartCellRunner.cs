using Sept.Kernel.Notebook;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Execution;

/// <summary>A chart cell: Vega-Lite from a notebook collection (config data, mark, x, y, color, aggregate).</summary>
public sealed class ChartCellRunner(NotebookValues values)
{
    internal Task<CellOutcome> RunAsync(ExecuteRequest request, CellRun run, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var data = CellConfig.String(request.Config, "data");
        var x = CellConfig.String(request.Config, "x");
        var y = CellConfig.String(request.Config, "y");
        if (data is null || x is null || y is null)
            return Task.FromResult(Fail(run, "ConfigError", "A chart cell needs config.data, config.x and config.y."));
        if (!values.TryGet(request, data, out var value) || value is null)
            return Task.FromResult(Fail(run, "NameError", $"'{data}' has no value yet; run the cell that defines it."));
        try
        {
            run.Display(Chart.Create(value, CellConfig.String(request.Config, "mark") ?? "bar", x, y,
                CellConfig.String(request.Config, "color"), CellConfig.String(request.Config, "aggregate")));
            return Task.FromResult(CellOutcome.Success);
        }
        catch (ArgumentException e)
        {
            return Task.FromResult(Fail(run, "ChartError", e.Message));
        }
    }

    private static CellOutcome Fail(CellRun run, string ename, string message)
    {
        run.Error(ename, message);
        return CellOutcome.Error;
    }
}
