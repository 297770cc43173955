using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Sept.Kernel.Scripting;

/// <summary>Owns the kernel's one Roslyn submission chain. Not thread-safe: the runtime runs one cell at a time.</summary>
public sealed class ScriptSession
{
    private ScriptOptions options = KernelScriptOptions.Create();
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

    /// <summary>Restored package and uploaded assemblies: references of every later submission (Packages/).</summary>
    public void AddReferences(IEnumerable<string> assemblyPaths) =>
        options = options.AddReferences(assemblyPaths.Select(p => MetadataReference.CreateFromFile(p)));

    /// <summary>Compiles and runs one submission of a cell on top of the chain.</summary>
    public async Task<ScriptResult> RunAsync(string code, string cellId, CancellationToken ct)
    {
        if (state is null) await WarmUpAsync(ct);
        ct.ThrowIfCancellationRequested();
        ScriptState<object> next;
        try
        {
            next = await state!.ContinueWithAsync<object>(code, options, _ => true, ct);
        }
        catch (CompilationErrorException e)
        {
            return new ScriptResult.CompileFailed(e.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToImmutableArray());
        }
        state = next;
        Interlocked.Increment(ref submissions);
        ReleaseShadowed(cellId);
        return next.Exception switch
        {
            null => new ScriptResult.Completed(next.ReturnValue, new SubmissionLines(next.Script.GetCompilation())),
            OperationCanceledException when ct.IsCancellationRequested => new ScriptResult.Cancelled(),
            var e => new ScriptResult.RuntimeFailed(e, new SubmissionLines(next.Script.GetCompilation())),
        };
    }

    /// <summary>Declares a variable holding a value made outside the script (a SQL result, an input value).
    /// <paramref name="initializer"/> turns the expression that fetches the value into the variable's initializer.</summary>
    public Task<ScriptResult> DefineAsync(string cellId, string uniqueName, object? value, string declarations,
        Func<string, string> initializer, CancellationToken ct)
    {
        var fetch = $"global::Sept.Kernel.Scripting.ValueHandoff.Take(\"{ValueHandoff.Put(value)}\")";
        return RunAsync($"{declarations}\nvar {uniqueName} = {initializer(fetch)};", cellId, ct);
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

    /// <summary>A re-run declares the cell's names again in a new submission; the older fields are unreachable by
    /// name, so their values are cleared for the GC instead of living as long as the chain.</summary>
    private void ReleaseShadowed(string cellId)
    {
        var suffix = "__" + cellId;
        var latest = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in state!.Variables.Reverse())
        {
            if (!variable.Name.EndsWith(suffix, StringComparison.Ordinal) || latest.Add(variable.Name) || variable.IsReadOnly) continue;
            variable.Value = variable.Type.IsValueType ? Activator.CreateInstance(variable.Type) : null;
        }
    }

    public bool IsForgotten(string cellId) => forgotten.Contains(cellId);

    /// <summary>A forgotten cell that runs again (undo of a delete) defines its names anew.</summary>
    public void Revive(string cellId) => forgotten.Remove(cellId);
}

/// <summary>Outcome of one submission.</summary>
public abstract record ScriptResult
{
    public sealed record Completed(object? Value, SubmissionLines Lines) : ScriptResult;
    public sealed record CompileFailed(ImmutableArray<Diagnostic> Errors) : ScriptResult;
    public sealed record RuntimeFailed(Exception Exception, SubmissionLines Lines) : ScriptResult;
    public sealed record Cancelled : ScriptResult;
}
