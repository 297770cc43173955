using System.Data.Common;
using Microsoft.CodeAnalysis.CSharp;
using Sept.Kernel.Notebook;
using Sept.Kernel.Protocol;
using Sept.Kernel.Scripting;
using Sept.Kernel.Sql;

namespace Sept.Kernel.Execution;

/// <summary>Runs a SQL cell on DuckDB: <c>{name}</c> placeholders become bound positional parameters (never spliced), notebook
/// collections the cell reads become tables, and the result becomes a typed notebook variable (config resultName).</summary>
public sealed class SqlCellRunner(DuckDbSession duck, ScriptSession scripts, NotebookValues values)
{
    internal async Task<CellOutcome> RunAsync(ExecuteRequest request, CellRun run, CancellationToken ct)
    {
        var resultName = CellConfig.String(request.Config, "resultName");
        if (resultName is not null && !SyntaxFacts.IsValidIdentifier(resultName))
        {
            run.Error("ConfigError", $"resultName '{resultName}' is not a valid C# identifier.");
            return CellOutcome.Error;
        }

        // A connection cell: the app ran the query on the target database and sends the rows (FetchedResult).
        if (FetchedResult.From(request.Config) is { } fetched) return await ShowAsync(request, run, resultName, fetched, ct);

        var (sql, parameterNames) = NotebookRewriting.Positional(request.Source, resultName, request.Bindings.Keys.ToHashSet());
        var parameters = new List<object?>();
        foreach (var name in parameterNames)
        {
            if (!values.TryGet(request, name, out var value))
            {
                run.Error("NameError", $"'{name}' has no value yet; run the cell that defines it.");
                return CellOutcome.Error;
            }
            if (DuckDbSession.IsCollection(value))
            {
                run.Error("SqlError", $"'{{{name}}}' is a collection; query it as a table: FROM {name}.");
                return CellOutcome.Error;
            }
            parameters.Add(value);
        }

        SqlResult result;
        try
        {
            RegisterTables(request, parameterNames.ToHashSet());
            result = duck.Query(sql, parameters, ct);
        }
        catch (DbException) when (ct.IsCancellationRequested)
        {
            return CellOutcome.Cancelled;
        }
        catch (DbException e)
        {
            run.Error("SqlError", CellNames.Demangle(e.Message));
            return CellOutcome.Error;
        }
        return await ShowAsync(request, run, resultName, result, ct);
    }

    private async Task<CellOutcome> ShowAsync(ExecuteRequest request, CellRun run, string? resultName, SqlResult result, CancellationToken ct)
    {
        object shown = result;
        if (resultName is not null && result.ColumnNames.Count > 0)
        {
            var unique = NotebookRewriting.Unique(resultName, request.CellId);
            var record = unique + "_Row";
            var defined = await scripts.DefineAsync(request.CellId, unique, result, SqlRowType.Declaration(record, result),
                fetch => $"new global::Sept.Kernel.Notebook.SqlResult<{record}>((global::Sept.Kernel.Notebook.SqlResult){fetch})",
                ct);
            if (defined is ScriptResult.Cancelled) return CellOutcome.Cancelled;
            if (defined is not ScriptResult.Completed)
            {
                run.Error("SqlError", $"Could not make '{resultName}' available to C#: {Describe(defined)}");
                return CellOutcome.Error;
            }
            scripts.TryGetValue(unique, out var typed);
            shown = typed ?? result;
        }
        run.Display(shown);
        return CellOutcome.Success;
    }

    private void RegisterTables(ExecuteRequest request, IReadOnlySet<string> parameterNames)
    {
        foreach (var (name, cell) in request.Bindings)
        {
            if (parameterNames.Contains(name)) continue;
            if (values.TryGet(request, name, out var value) && DuckDbSession.IsCollection(value)) duck.Register(name, cell, value!);
        }
    }

    private static string Describe(ScriptResult result) => result switch
    {
        ScriptResult.CompileFailed f => string.Join("; ", f.Errors.Select(e => CellNames.Demangle(e.GetMessage()))),
        ScriptResult.RuntimeFailed r => CellNames.Demangle(r.Exception.Message),
        _ => result.ToString(),
    };
}
