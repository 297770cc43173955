using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.Extensions.Options;
using Sept.Notebooks.Analysis;

namespace Sept.Kernel.Scripting;

/// <summary>Owns the kernel's one Roslyn submission chain and its compile-once cache (docs/kernel.md, compile model).
/// Not thread-safe: the runtime runs one cell at a time.</summary>
public sealed class ScriptSession
{
    private ScriptOptions options = KernelScriptOptions.Create();
    private readonly CompiledCells compiled = new();
    private readonly bool cacheAllowed;
    private ScriptState<object>? state;
    private readonly HashSet<string> forgotten = [];
    private int submissions;
    private int compilations;

    public ScriptSession(IOptions<KernelOptions> kernelOptions) => cacheAllowed = kernelOptions.Value.CompileCache;

    public int SubmissionCount => Volatile.Read(ref submissions);

    /// <summary>Compiles so far (successful or not); a run served by the cache does not count.</summary>
    public int CompileCount => Volatile.Read(ref compilations);

    /// <summary>Whether runs reuse compiled submissions: allowed by Kernel:CompileCache and the Roslyn internals
    /// have the shape SubmissionReflection expects. Otherwise every run compiles.</summary>
    public bool Caching { get; private set; }

    /// <summary>Starts the chain with the notebook helpers in scope and pays Roslyn's first-compile cost.</summary>
    public async Task WarmUpAsync(CancellationToken ct)
    {
        if (state is not null) return;
        var first = await CSharpScript.RunAsync<object>(KernelScriptOptions.Preamble, options, cancellationToken: ct);
        state = await first.ContinueWithAsync<object>("var warm__up = new[] { 1, 2 }.Select(i => i + 1).Sum(); warm__up", options, ct);
        Caching = cacheAllowed;
        Note(state, null, "");
        compilations = submissions = 2;
    }

    /// <summary>Restored package and uploaded assemblies: references of every later submission (Packages/). Cells
    /// compiled before keep their compiled code: a new reference does not change what they mean.</summary>
    public void AddReferences(IEnumerable<string> assemblyPaths) =>
        options = options.AddReferences(assemblyPaths.Select(p => MetadataReference.CreateFromFile(p)));

    /// <summary>Runs one cell's code: the compiled submission again when this cell already compiled this code (up to
    /// comments and whitespace) and what it reads is still current, otherwise a new submission on top of the chain.</summary>
    public async Task<ScriptResult> RunAsync(string code, string cellId, CancellationToken ct)
    {
        if (state is null) await WarmUpAsync(ct);
        ct.ThrowIfCancellationRequested();
        var key = Caching ? CodeEquivalence.CSharpKey(code) : code;
        if (Caching && compiled.Find(cellId, key) is { } entry) return await RerunAsync(entry, ct);
        ScriptState<object> next;
        Interlocked.Increment(ref compilations);
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
        var lines = new SubmissionLines(next.Script.GetCompilation());
        if (Caching && Note(next, cellId, key, lines) is { } recorded) compiled.AfterRun(recorded, States);
        else if (!Caching) ReleaseShadowed(cellId);
        return next.Exception switch
        {
            null => new ScriptResult.Completed(next.ReturnValue, lines),
            OperationCanceledException when ct.IsCancellationRequested => new ScriptResult.Cancelled(),
            var e => new ScriptResult.RuntimeFailed(e, lines),
        };
    }

    private object[] States => SubmissionReflection.States(state!)!;

    private async Task<ScriptResult> RerunAsync(CompiledCells.Entry entry, CancellationToken ct)
    {
        try
        {
            var value = await entry.Submission.Factory(States);
            return new ScriptResult.Completed(value, entry.Lines);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return new ScriptResult.Cancelled();
        }
        catch (Exception e)
        {
            return new ScriptResult.RuntimeFailed(e, entry.Lines);
        }
        finally
        {
            compiled.AfterRun(entry, States);
        }
    }

    /// <summary>Records the newest submission in the cache. One that does not have the expected shape turns caching
    /// off for the rest of the session: every later run compiles, and values are read through ScriptState again,
    /// which sees the instances the cached runs left in the state array.</summary>
    private CompiledCells.Entry? Note(ScriptState newest, string? cellId, string code, SubmissionLines? lines = null)
    {
        if (!Caching) return null;
        if (SubmissionReflection.Newest(newest, out var unexpected) is not { } submission)
        {
            Caching = !unexpected;
            return null;
        }
        return compiled.Record(cellId, code, submission, lines ?? new SubmissionLines(newest.Script.GetCompilation()), States);
    }

    /// <summary>Declares a variable holding a value made outside the script (a SQL result, an input value).
    /// <paramref name="initializer"/> turns the expression that fetches the value into the variable's initializer.
    /// The code depends only on the name and declarations, so a new value of the same type re-runs it uncompiled.</summary>
    public Task<ScriptResult> DefineAsync(string cellId, string uniqueName, object? value, string declarations,
        Func<string, string> initializer, CancellationToken ct)
    {
        var fetch = $"global::Sept.Kernel.Scripting.ValueHandoff.Take(\"{ValueHandoff.Put(uniqueName, value)}\")";
        return RunAsync($"{declarations}\nvar {uniqueName} = {initializer(fetch)};", cellId, ct);
    }

    /// <summary>The current value of a renamed notebook variable.</summary>
    public bool TryGetValue(string uniqueName, out object? value)
    {
        value = null;
        if (state is null) return false;
        if (Caching) return compiled.TryGetValue(uniqueName, States, out value);
        var variable = state.GetVariable(uniqueName);
        value = variable?.Value;
        return variable is not null;
    }

    /// <summary>Clears every variable a deleted cell declared so its values can be collected, and refuses later reads
    /// of them. The fields stay in the chain, unreachable by name.</summary>
    public void Forget(string cellId)
    {
        forgotten.Add(cellId);
        if (state is null) return;
        if (Caching)
        {
            compiled.Forget(cellId, States);
            return;
        }
        var suffix = "__" + cellId;
        foreach (var variable in state.Variables.Where(v => v.Name.EndsWith(suffix, StringComparison.Ordinal) && !v.IsReadOnly))
            variable.Value = variable.Type.IsValueType ? Activator.CreateInstance(variable.Type) : null;
    }

    /// <summary>Without the cache: a re-run declares the cell's names again in a new submission; the older fields are
    /// unreachable by name, so their values are cleared for the GC instead of living as long as the chain.</summary>
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
