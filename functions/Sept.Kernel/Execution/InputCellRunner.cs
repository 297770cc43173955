using System.Globalization;
using System.Text.Json;
using Microsoft.CodeAnalysis.CSharp;
using Sept.Kernel.Protocol;
using Sept.Kernel.Scripting;

namespace Sept.Kernel.Execution;

/// <summary>An input widget's value becomes a typed variable under the cell's unique name:
/// number/slider → double (long with "integer": true), text/dropdown → string, checkbox → bool,
/// date → DateOnly (DateTime when the value has a time).</summary>
public sealed class InputCellRunner(ScriptSession scripts)
{
    internal async Task<CellOutcome> RunAsync(ExecuteRequest request, CellRun run, CancellationToken ct)
    {
        var name = CellConfig.String(request.Config, "name");
        var type = CellConfig.String(request.Config, "type");
        if (name is null || !SyntaxFacts.IsValidIdentifier(name))
        {
            run.Error("ConfigError", "An input cell needs config.name, a valid C# identifier.");
            return CellOutcome.Error;
        }
        var converted = Convert(type, CellConfig.Element(request.Config, "value"), CellConfig.Flag(request.Config, "integer"));
        if (converted.Problem is not null)
        {
            run.Error("ConfigError", converted.Problem);
            return CellOutcome.Error;
        }
        var result = await scripts.DefineAsync(NotebookRewriting.Unique(name, request.CellId), converted.Value, "",
            fetch => $"({converted.TypeName}){fetch}", CodeCellRunner.CellFile(request.CellId), ct);
        return result switch
        {
            ScriptResult.Completed => CellOutcome.Success,
            ScriptResult.Cancelled => CellOutcome.Cancelled,
            _ => Failed(run, result),
        };
    }

    private static CellOutcome Failed(CellRun run, ScriptResult result)
    {
        run.Error("InputError", $"Could not define the input value: {result}");
        return CellOutcome.Error;
    }

    internal sealed record Converted(object? Value, string TypeName, string? Problem = null);

    internal static Converted Convert(string? type, JsonElement? value, bool integer)
    {
        var v = value ?? default;
        var kind = v.ValueKind;
        return type switch
        {
            "number" or "slider" when kind is JsonValueKind.Number or JsonValueKind.Undefined or JsonValueKind.Null =>
                integer
                    ? new Converted(kind == JsonValueKind.Number ? (long)Math.Round(v.GetDouble()) : 0L, "long")
                    : new Converted(kind == JsonValueKind.Number ? v.GetDouble() : 0d, "double"),
            "text" or "dropdown" when kind is JsonValueKind.String or JsonValueKind.Undefined or JsonValueKind.Null =>
                new Converted(kind == JsonValueKind.String ? v.GetString() : "", "string"),
            "checkbox" when kind is JsonValueKind.True or JsonValueKind.False or JsonValueKind.Undefined or JsonValueKind.Null =>
                new Converted(kind == JsonValueKind.True, "bool"),
            "date" when kind == JsonValueKind.String => Date(v.GetString()!),
            "number" or "slider" or "text" or "dropdown" or "checkbox" or "date" =>
                new Converted(null, "object", $"The value {v.GetRawText()} does not fit an input of type {type}."),
            _ => new Converted(null, "object", "config.type must be number, slider, text, dropdown, date or checkbox."),
        };
    }

    private static Converted Date(string text)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return new Converted(day, "global::System.DateOnly");
        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
            return new Converted(time, "global::System.DateTime");
        return new Converted(null, "object", $"'{text}' is not a date (yyyy-MM-dd or ISO 8601).");
    }
}
