using System.Reflection;
using Microsoft.CodeAnalysis.Scripting;

namespace Sept.Kernel.Scripting;

/// <summary>A submission of the chain, compiled once, that can run again by calling its static factory against the
/// chain's submission-state array (docs/kernel.md, compile model).</summary>
/// <param name="Slot">Index in the state array (slot 0 is the globals object).</param>
/// <param name="Fields">The fields the user's code declared (top-level variables), in declaration order.</param>
/// <param name="Opaque">It also declares methods, properties or types, whose code callers bind to directly.</param>
/// <param name="Uses">Assembly names of the earlier submissions whose fields or types this one uses.</param>
internal sealed record CompiledSubmission(
    int Slot, string AssemblyName, Func<object[], Task<object>> Factory, IReadOnlyList<FieldInfo> Fields, bool Opaque,
    IReadOnlySet<string> Uses)
{
    /// <summary>Same top-level names with the same runtime types and nothing else: readers compiled against one
    /// read the other's values correctly once they are copied across.</summary>
    public bool SameSignature(CompiledSubmission other) =>
        !Opaque && !other.Opaque && Fields.Count == other.Fields.Count
        && Fields.Zip(other.Fields).All(p => p.First.Name == p.Second.Name && p.First.FieldType == p.Second.FieldType);
}

/// <summary>The one place that relies on Roslyn scripting internals: <c>ScriptState.ExecutionState</c>'s
/// <c>_submissionStates</c> array and the <c>&lt;Factory&gt;(object[])</c> method each submission type gets
/// (CSharp.Scripting 5.12, see ../shared/design/kernel-measurements.md). Anything not shaped as expected gives null,
/// and the session then compiles every run, as it did before the cache.</summary>
internal static class SubmissionReflection
{
    private const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
    private static readonly PropertyInfo? ExecutionState = typeof(ScriptState).GetProperty("ExecutionState", Any);
    private static readonly FieldInfo? SubmissionStates = ExecutionState?.PropertyType.GetField("_submissionStates", Any);
    private static readonly PropertyInfo? SubmissionCount = ExecutionState?.PropertyType.GetProperty("SubmissionStateCount", Any);

    /// <summary>The chain's submission-state array. It is replaced when it grows, so read it from the newest state.</summary>
    public static object[]? States(ScriptState state) =>
        ExecutionState?.GetValue(state) is { } execution ? SubmissionStates?.GetValue(execution) as object[] : null;

    /// <summary>The submission <paramref name="state"/> just ran. Null when the shape is not the expected one
    /// (<paramref name="unexpected"/> true), or when the code made no submission instance (only usings or nothing to
    /// run: the newest slot then belongs to an older submission).</summary>
    public static CompiledSubmission? Newest(ScriptState state, out bool unexpected)
    {
        unexpected = true;
        try
        {
            if (ExecutionState?.GetValue(state) is not { } execution || SubmissionCount?.GetValue(execution) is not int count) return null;
            var states = SubmissionStates?.GetValue(execution) as object[];
            var newest = Describe(states, count - 1);
            if (newest is null) return null;
            unexpected = false;
            return newest.AssemblyName == state.Script.GetCompilation().AssemblyName ? newest : null;
        }
        catch (Exception e) when (e is TargetException or TargetInvocationException or InvalidCastException or ArgumentException)
        {
            return null;
        }
    }

    /// <summary>Checks that slot <paramref name="slot"/> holds a <c>Submission#N</c> with a
    /// <c>static Task&lt;object&gt; &lt;Factory&gt;(object[])</c>; null otherwise. (Slots count only submissions
    /// that ran: one with only usings takes none, so N and the slot differ.)</summary>
    internal static CompiledSubmission? Describe(object?[]? states, int slot)
    {
        if (states is null || slot < 1 || slot >= states.Length || states[slot] is not { } instance) return null;
        var type = instance.GetType();
        if (!type.Name.StartsWith("Submission#", StringComparison.Ordinal) || type.DeclaringType is not null) return null;
        var factory = type.GetMethod("<Factory>", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static);
        if (factory is null || factory.ReturnType != typeof(Task<object>)
            || factory.GetParameters() is not [{ ParameterType: var parameter }] || parameter != typeof(object[]))
            return null;
        var declared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var fields = type.GetFields(declared).Where(f => !f.Name.StartsWith('<') && !f.IsStatic && !f.IsInitOnly).ToList();
        var opaque = type.GetMembers(declared).Any(m => m.MemberType is not (MemberTypes.Field or MemberTypes.Constructor)
            && !m.Name.StartsWith('<'));
        opaque |= type.GetFields(declared).Any(f => !f.Name.StartsWith('<') && (f.IsStatic || f.IsInitOnly));
        var uses = type.Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToHashSet();
        return new CompiledSubmission(slot, type.Assembly.GetName().Name!,
            factory.CreateDelegate<Func<object[], Task<object>>>(), fields, opaque, uses);
    }

    /// <summary>The instance in a slot (null when the slot was never run).</summary>
    public static object? Instance(object[] states, CompiledSubmission submission) =>
        submission.Slot < states.Length ? states[submission.Slot] : null;
}
