using System.Collections.Concurrent;
using Sept.Kernel.Packages;
using Sept.Kernel.Protocol;
using Sept.Kernel.Scripting;
using Sept.Notebooks.Analysis;

namespace Sept.Kernel.Execution;

/// <summary>Runs a C# cell: rename per cell, submit, display the trailing expression, report errors in cell coordinates.</summary>
public sealed class CodeCellRunner(ScriptSession scripts, NotebookPackages packages)
{
    // Types keep their names in the chain, so a read bound to a cell's type (Color.Red) must not be renamed.
    private readonly ConcurrentDictionary<string, IReadOnlySet<string>> typesByCell = new();

    internal void Forget(string cellId)
    {
        typesByCell.TryRemove(cellId, out _);
        packages.Forget(cellId);
    }

    internal async Task<CellOutcome> RunAsync(ExecuteRequest request, CellRun run, CancellationToken ct)
    {
        // #r/#i lines restore packages before the cell compiles; the compiler sees them as blank lines.
        var split = CellDirectives.Split(request.Source);
        if (!await packages.PrepareAsync(request.CellId, split, run, ct)) return CellOutcome.Error;
        var source = split.Code;
        var rewritten = NotebookRewriting.Rewrite(source, request.CellId, request.Bindings,
            (name, owner) => typesByCell.TryGetValue(owner, out var types) && types.Contains(name));
        var result = await scripts.RunAsync(rewritten.Code, request.CellId, ct);
        if (result is ScriptResult.Completed or ScriptResult.RuntimeFailed)
            typesByCell[request.CellId] = rewritten.TypeNames;
        switch (result)
        {
            case ScriptResult.Completed completed:
                return completed.Value is not null && LastExpression.IsDisplayed(source)
                    ? Show(run, completed.Value, completed.Lines, rewritten.Code)
                    : CellOutcome.Success;
            case ScriptResult.CompileFailed failed:
                foreach (var error in ScriptErrors.FromDiagnostics(failed.Errors, rewritten.Code)) Report(run, error);
                return CellOutcome.Error;
            case ScriptResult.RuntimeFailed failed:
                Report(run, ScriptErrors.FromException(failed.Exception, failed.Lines, rewritten.Code));
                return CellOutcome.Error;
            default:
                return CellOutcome.Cancelled;
        }
    }

    // Formatting enumerates lazy queries, which can throw: that is the cell's error, located in the cell.
    private static CellOutcome Show(CellRun run, object value, SubmissionLines lines, string code)
    {
        try
        {
            run.Display(value);
            return CellOutcome.Success;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Report(run, ScriptErrors.FromException(e, lines, code));
            return CellOutcome.Error;
        }
    }

    internal static void Report(CellRun run, CellError error) =>
        run.Error(error.Ename, error.Message, error.Line, error.Column, error.Stack);
}
