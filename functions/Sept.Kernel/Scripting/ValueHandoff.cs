using System.Collections.Concurrent;

namespace Sept.Kernel.Scripting;

/// <summary>Passes a value made by the kernel (SQL result, input value) into a script submission that declares it.</summary>
public static class ValueHandoff
{
    private static readonly ConcurrentDictionary<string, object?> values = new();

    internal static string Put(object? value)
    {
        var key = Guid.NewGuid().ToString("N");
        values[key] = value;
        return key;
    }

    public static object? Take(string key) => values.TryRemove(key, out var value) ? value : null;
}
