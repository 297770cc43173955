using Sept.Kernel.Formatting;
using Sept.Kernel.Packages;
using Sept.Kernel.Protocol;
using Sept.Kernel.Scripting;
using Sept.Kernel.Sql;

namespace Sept.Kernel.Execution;

/// <summary>Dispatches a request to the runner for its cell kind.</summary>
public sealed class CellRunners(
    CodeCellRunner code, SqlCellRunner sql, InputCellRunner input, ChartCellRunner chart, MarkdownCellRunner markdown)
{
    internal Task<CellOutcome> RunAsync(ExecuteRequest request, CellRun run, CancellationToken ct) => request.Kind switch
    {
        "code" => code.RunAsync(request, run, ct),
        "sql" => sql.RunAsync(request, run, ct),
        "input" => input.RunAsync(request, run, ct),
        "chart" => chart.RunAsync(request, run, ct),
        "markdown" => markdown.RunAsync(request, run, ct),
        _ => throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "validated before"),
    };

    /// <summary>Drops what runners remember about a deleted cell.</summary>
    internal void Forget(string cellId) => code.Forget(cellId);
}

public static class KernelServices
{
    public static IServiceCollection AddKernelRuntime(this IServiceCollection services) => services
        .AddSingleton<ScriptSession>()
        .AddSingleton<NotebookPackages>()
        .AddSingleton<DuckDbSession>()
        .AddSingleton<TableStore>()
        .AddSingleton<DisplayFormatter>()
        .AddSingleton<NotebookValues>()
        .AddSingleton<CodeCellRunner>()
        .AddSingleton<SqlCellRunner>()
        .AddSingleton<InputCellRunner>()
        .AddSingleton<ChartCellRunner>()
        .AddSingleton<MarkdownCellRunner>()
        .AddSingleton<CellRunners>()
        .AddSingleton<KernelRuntime>();
}
