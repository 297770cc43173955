using Sept.Kernel.Execution;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Sql;

/// <summary>Answers POST /kernel/values: the scalar notebook values a connection SQL cell binds as parameters.
/// Only values (never code or credentials) leave the kernel; collections are refused, as in DuckDB SQL cells.</summary>
internal static class ParameterValues
{
    public static ValuesResponse Read(NotebookValues values, IReadOnlyDictionary<string, string> bindings)
    {
        var read = new Dictionary<string, WireValue>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in bindings.Keys)
        {
            if (!values.TryGet(bindings, name, out var value))
                errors[name] = $"'{name}' has no value yet; run the cell that defines it.";
            else if (value is null)
                read[name] = new WireValue("string", WireTypes.ToElement(null));
            else if (DuckDbSession.IsCollection(value) && value is not byte[])
                errors[name] = $"'{{{name}}}' is a collection; a connection query takes single values as parameters.";
            else if (Plain(value) is var plain && WireTypes.NameOf(plain.GetType()) is { } type)
                read[name] = new WireValue(type, WireTypes.ToElement(plain));
            else
                errors[name] = $"'{{{name}}}' is a {value.GetType().Name}, which cannot be sent as a query parameter.";
        }
        return new ValuesResponse(read, errors);
    }

    // Enums and chars travel as text, as they bind in DuckDB cells (DuckTypes.Parameter).
    private static object Plain(object value) => value switch
    {
        Enum e => e.ToString(),
        char c => c.ToString(),
        _ => value,
    };
}
