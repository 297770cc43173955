using System.Collections.Concurrent;

namespace Sept.Kernel.Scripting;

/// <summary>Passes a value made by the kernel (SQL result, input value) into a script submission that declares it.</summary>
public static class ValueHandoff
{
    private static readonly ConcurrentDictionary<string, object?> values = new();

    /// <summary>Keyed by the variable's name, so the submission that takes it is the same code for every value.</summary>
    internal static string Put(string key, object? value)
    {
        values[key] = value;
        return key;
    }

    public static object? Take(string key) => values.TryRemove(key, out var value) ? value : null;
}
