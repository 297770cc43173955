using Sept.Kernel.Scripting;

namespace Sept.Kernel.Formatting;

/// <summary>Short C# names for column types, with user names restored.</summary>
internal static class TypeNames
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(bool)] = "bool", [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(short)] = "short",
        [typeof(ushort)] = "ushort", [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long",
        [typeof(ulong)] = "ulong", [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal",
        [typeof(string)] = "string", [typeof(char)] = "char", [typeof(object)] = "object",
    };

    public static string Of(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } inner) return Of(inner) + "?";
        if (Keywords.TryGetValue(type, out var keyword)) return keyword;
        if (type.IsArray) return Of(type.GetElementType()!) + "[]";
        if (type.IsGenericType && !type.Name.StartsWith('<'))
        {
            var name = type.Name[..type.Name.IndexOf('`')];
            return $"{CellNames.Demangle(name)}<{string.Join(", ", type.GetGenericArguments().Select(Of))}>";
        }
        return type.Name.StartsWith("<>f__AnonymousType", StringComparison.Ordinal) ? "anonymous" : CellNames.Demangle(type.Name);
    }
}
