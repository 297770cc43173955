using System.Reflection;

namespace Sept.Kernel.Scripting;

/// <summary>The compile-once cache (docs/kernel.md, compile model). Per cell it keeps the compiled submissions whose
/// values readers may still read: the current one first, then older ones with the same signature (same top-level
/// names and types), whose fields get a copy of the current values after each run so readers compiled against them
/// stay valid without a recompile. An entry is reusable while none of the submissions it uses were released.</summary>
internal sealed class CompiledCells
{
    /// <summary>Older same-signature submissions kept readable per cell; beyond that their readers recompile.</summary>
    internal const int MaxLivePerCell = 8;

    /// <param name="Code">The code's key (CodeEquivalence.CSharpKey): comments and whitespace do not count.</param>
    internal sealed record Entry(string CellId, string Code, CompiledSubmission Submission, SubmissionLines Lines);

    private readonly Dictionary<string, List<Entry>> live = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> cellByAssembly = new(StringComparer.Ordinal);
    private readonly HashSet<string> released = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Slot, FieldInfo Field)> variables = new(StringComparer.Ordinal);

    /// <summary>A compiled submission of this cell for exactly this code whose inputs are all still current.</summary>
    public Entry? Find(string cellId, string code)
    {
        if (!live.TryGetValue(cellId, out var entries)) return null;
        var index = entries.FindIndex(e => e.Code == code && !e.Submission.Uses.Overlaps(released));
        if (index < 0) return null;
        var entry = entries[index];
        // Editing back to an earlier version of the cell runs that version again: it becomes the current one.
        entries.RemoveAt(index);
        entries.Insert(0, entry);
        return entry;
    }

    /// <summary>Notes a newly compiled submission. For a cell, an older submission with the same signature stays
    /// readable; the others are released (values cleared for the GC, their readers must recompile).</summary>
    public Entry? Record(string? cellId, string code, CompiledSubmission submission, SubmissionLines lines, object[] states)
    {
        foreach (var field in submission.Fields) variables[field.Name] = (submission.Slot, field);
        if (cellId is null) return null;
        cellByAssembly[submission.AssemblyName] = cellId;
        var entry = new Entry(cellId, code, submission, lines);
        if (!live.TryGetValue(cellId, out var entries)) live[cellId] = entries = [];
        foreach (var older in entries.Where(e => !e.Submission.SameSignature(submission)).ToList())
            Release(entries, older, states);
        entries.Insert(0, entry);
        while (entries.Count > MaxLivePerCell) Release(entries, entries[^1], states);
        return entry;
    }

    /// <summary>After an entry ran: copies its cell's values to the cell's other live submissions, and values it may
    /// have assigned in another cell's submission to that cell's other live submissions.</summary>
    public void AfterRun(Entry entry, object[] states)
    {
        CopyFrom(entry, states);
        foreach (var used in entry.Submission.Uses)
        {
            if (!cellByAssembly.TryGetValue(used, out var owner) || !live.TryGetValue(owner, out var entries) || entries.Count < 2) continue;
            if (entries.FirstOrDefault(e => e.Submission.AssemblyName == used) is { } source) CopyFrom(source, states);
        }
    }

    /// <summary>Releases every submission of a deleted cell.</summary>
    public void Forget(string cellId, object[] states)
    {
        if (!live.TryGetValue(cellId, out var entries)) return;
        foreach (var entry in entries.ToList()) Release(entries, entry, states);
        live.Remove(cellId);
    }

    /// <summary>The current value of a renamed notebook variable.</summary>
    public bool TryGetValue(string uniqueName, object[] states, out object? value)
    {
        value = null;
        if (!variables.TryGetValue(uniqueName, out var at) || at.Slot >= states.Length || states[at.Slot] is not { } instance) return false;
        value = at.Field.GetValue(instance);
        return true;
    }

    private void CopyFrom(Entry source, object[] states)
    {
        if (!live.TryGetValue(source.CellId, out var entries) || entries.Count < 2) return;
        if (SubmissionReflection.Instance(states, source.Submission) is not { } from) return;
        foreach (var target in entries)
        {
            if (ReferenceEquals(target, source) || SubmissionReflection.Instance(states, target.Submission) is not { } to) continue;
            for (var i = 0; i < source.Submission.Fields.Count; i++)
                target.Submission.Fields[i].SetValue(to, source.Submission.Fields[i].GetValue(from));
        }
    }

    private void Release(List<Entry> entries, Entry entry, object[] states)
    {
        entries.Remove(entry);
        released.Add(entry.Submission.AssemblyName);
        foreach (var field in entry.Submission.Fields)
            if (variables.TryGetValue(field.Name, out var at) && at.Slot == entry.Submission.Slot) variables.Remove(field.Name);
        if (SubmissionReflection.Instance(states, entry.Submission) is not { } instance) return;
        foreach (var field in entry.Submission.Fields)
            field.SetValue(instance, field.FieldType.IsValueType ? Activator.CreateInstance(field.FieldType) : null);
    }
}
