using System.Text.Json;
using Sept.Kernel.Protocol;
using Sept.Kernel.Scripting;

namespace Sept.Kernel.Execution;

/// <summary>Reads the value a cell sees under a user name: the renamed variable of the cell the name binds to.</summary>
public sealed class NotebookValues(ScriptSession scripts)
{
    internal bool TryGet(ExecuteRequest request, string name, out object? value) => TryGet(request.Bindings, name, out value);

    internal bool TryGet(IReadOnlyDictionary<string, string> bindings, string name, out object? value)
    {
        value = null;
        return bindings.TryGetValue(name, out var cell) && scripts.TryGetValue(NotebookRewriting.Unique(name, cell), out value);
    }
}

/// <summary>Reads kind-specific settings from ExecuteRequest.Config.</summary>
internal static class CellConfig
{
    public static string? String(JsonElement? config, string key) =>
        config is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String
            ? v.GetString()
            : null;

    public static JsonElement? Element(JsonElement? config, string key) =>
        config is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty(key, out var v) ? v : null;

    public static bool Flag(JsonElement? config, string key) =>
        Element(config, key) is { ValueKind: JsonValueKind.True };
}
