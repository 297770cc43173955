using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Sept.Kernel.Scripting;

/// <summary>Owns the kernel's one Roslyn submission chain. Not thread-safe: the runtime runs one cell at a time.</summary>
public sealed class ScriptSession
{
    private readonly ScriptOptions options = KernelScriptOptions.Create();
    private ScriptState<object>? state;
    private readonly HashSet<string> forgotten = [];
    private int submissions;

    public int SubmissionCount => Volatile.Read(ref submissions);

    /// <summary>Starts the chain with the notebook helpers in scope and pays Roslyn's first-compile cost.</summary>
    public async Task WarmUpAsync(CancellationToken ct)
    {
        if (state is not null) return;
        var first = await CSharpScript.RunAsync<object>(KernelScriptOptions.Preamble, options, cancellationToken: ct);
        state = await first.ContinueWithAsync<object>("var warm__up = new[] { 1, 2 }.Select(i => i + 1).Sum(); warm__up", options, ct);
        submissions = 2;
    }

    /// <summary>Compiles and runs one submission on top of the chain. The file path names the cell in stack traces.</summary>
    public async Task<ScriptResult> RunAsync(string code, string filePath, CancellationToken ct)
    {
        if (state is null) await WarmUpAsync(ct);
        ct.ThrowIfCancellationRequested();
        ScriptState<object> next;
        try
        {
            next = await state!.ContinueWithAsync<object>(code, options.WithFilePath(filePath), _ => true, ct);
        }
        catch (CompilationErrorException e)
        {
            return new ScriptResult.CompileFailed(e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray());
        }
        state = next;
        Interlocked.Increment(ref submissions);
        return next.Exception switch
        {
            null => new ScriptResult.Completed(next.ReturnValue),
            OperationCanceledException when ct.IsCancellationRequested => new ScriptResult.Cancelled(),
            var e => new ScriptResult.RuntimeFailed(e),
        };
    }

    /// <summary>Declares a variable holding a value made outside the script (a SQL result, an input value).
    /// <paramref name="initializer"/> turns the expression that fetches the value into the variable's initializer.</summary>
    public Task<ScriptResult> DefineAsync(string uniqueName, object? value, string declarations, Func<string, string> initializer,
        string filePath, CancellationToken ct)
    {
        var fetch = $"global::Sept.Kernel.Scripting.ValueHandoff.Take(\"{ValueHandoff.Put(value)}\")";
        return RunAsync($"{declarations}\nvar {uniqueName} = {initializer(fetch)};", filePath, ct);
    }

    /// <summary>The current value of a renamed notebook variable.</summary>
    public bool TryGetValue(string uniqueName, out object? value)
    {
        var variable = state?.GetVariable(uniqueName);
        value = variable?.Value;
        return variable is not null;
    }

    /// <summary>Clears every variable a deleted cell declared so its values can be collected, and refuses later reads
    /// of them. The fields stay in the chain, unreachable by name.</summary>
    public void Forget(string cellId)
    {
        forgotten.Add(cellId);
        if (state is null) return;
        var suffix = "__" + cellId;
        foreach (var variable in state.Variables.Where(v => v.Name.EndsWith(suffix, StringComparison.Ordinal) && !v.IsReadOnly))
            variable.Value = variable.Type.IsValueType ? Activator.CreateInstance(variable.Type) : null;
    }

    public bool IsForgotten(string cellId) => forgotten.Contains(cellId);

    /// <summary>A forgotten cell that runs again (undo of a delete) defines its names anew.</summary>
    public void Revive(string cellId) => forgotten.Remove(cellId);
}

/// <summary>Outcome of one submission.</summary>
public abstract record ScriptResult
{
    public sealed record Completed(object? Value) : ScriptResult;
    public sealed record CompileFailed(ImmutableArray<Diagnostic> Errors) : ScriptResult;
    public sealed record RuntimeFailed(Exception Exception) : ScriptResult;
    public sealed record Cancelled : ScriptResult;
}
