using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Sept.Kernel.Notebook;

namespace Sept.Kernel.Sql;

/// <summary>Generates the positional record a SQL result's rows get in C#, so <c>r.total</c> is typed.
/// Column names become identifiers (invalid characters to '_', keywords escaped); nullable only where the data has nulls.</summary>
internal static class SqlRowType
{
    private static readonly HashSet<Type> Nameable =
    [
        typeof(bool), typeof(byte), typeof(sbyte), typeof(short), typeof(ushort), typeof(int), typeof(uint), typeof(long),
        typeof(ulong), typeof(float), typeof(double), typeof(decimal), typeof(string), typeof(DateTime), typeof(DateOnly),
        typeof(TimeOnly), typeof(DateTimeOffset), typeof(TimeSpan), typeof(Guid), typeof(System.Numerics.BigInteger),
    ];

    public static string Declaration(string recordName, SqlResult result)
    {
        var used = new HashSet<string>(StringComparer.Ordinal) { recordName };
        var parameters = result.ColumnNames.Select((name, i) =>
        {
            var hasNull = result.RawRows.Any(r => r[i] is null);
            return $"{TypeSource(result.ColumnTypes[i], hasNull)} {Identifier(name, used)}";
        });
        return $"public sealed record {recordName}({string.Join(", ", parameters)});";
    }

    private static string TypeSource(Type type, bool nullable)
    {
        if (type == typeof(byte[])) return "byte[]";
        // Arrays from a connection query (FetchedResult): int[], string[], long?[]...
        if (type.IsArray && type.GetElementType() is { } element && (Nullable.GetUnderlyingType(element) ?? element) is var plain && Nameable.Contains(plain))
            return TypeSource(plain, nullable: element != plain) + "[]";
        if (!Nameable.Contains(type)) return "object";
        var name = "global::" + type.FullName;
        return nullable && type.IsValueType ? name + "?" : name;
    }

    private static string Identifier(string column, HashSet<string> used)
    {
        var text = new StringBuilder();
        foreach (var c in column) text.Append(char.IsLetterOrDigit(c) || c == '_' ? c : '_');
        if (text.Length == 0 || char.IsDigit(text[0])) text.Insert(0, '_');
        var name = text.ToString();
        var unique = name;
        for (var n = 2; !used.Add(unique); n++) unique = $"{name}_{n}";
        return SyntaxFacts.GetKeywordKind(unique) != SyntaxKind.None ? "@" + unique : unique;
    }
}
