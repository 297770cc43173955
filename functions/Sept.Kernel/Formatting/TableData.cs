using System.Collections;
using System.Reflection;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Formatting;

/// <summary>Rows and columns read from a collection (records, classes, anonymous types, tuples, scalars) or a SQL result.</summary>
internal sealed record TableData(IReadOnlyList<TableColumn> Columns, IReadOnlyList<Type> ColumnTypes, IReadOnlyList<object?[]> Rows)
{
    public static bool IsTable(object? value) =>
        value is ITabular || (value is IEnumerable && value is not string && value is not byte[]);

    public static TableData From(object value, int maxRows)
    {
        if (value is ITabular tabular)
        {
            var columns = tabular.ColumnNames.Select((n, i) => new TableColumn(n, TypeNames.Of(tabular.ColumnTypes[i]))).ToList();
            return new TableData(columns, tabular.ColumnTypes, tabular.RawRows.Take(maxRows).ToList());
        }
        var items = ((IEnumerable)value).Cast<object?>().Take(maxRows).ToList();
        var elementType = ElementType(value.GetType(), items);
        if (JsonValues.IsScalar(elementType))
            return new TableData([new TableColumn("value", TypeNames.Of(elementType))], [elementType], items.Select(i => new[] { i }).ToList());

        var members = Members(elementType);
        return new TableData(
            members.Select(m => new TableColumn(m.Name, TypeNames.Of(m.Type))).ToList(),
            members.Select(m => m.Type).ToList(),
            items.Select(item => members.Select(m => item is null ? null : m.Read(item)).ToArray()).ToList());
    }

    private static Type ElementType(Type collection, List<object?> items)
    {
        var declared = collection.GetInterfaces().Append(collection)
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            .Select(i => i.GetGenericArguments()[0])
            .FirstOrDefault();
        if (declared is not null && declared != typeof(object) && !declared.IsInterface && !declared.IsAbstract) return declared;
        return items.FirstOrDefault(i => i is not null)?.GetType() ?? declared ?? typeof(object);
    }

    private sealed record Member(string Name, Type Type, Func<object, object?> Read);

    private static List<Member> Members(Type type)
    {
        var flags = BindingFlags.Public | BindingFlags.Instance;
        var properties = type.GetProperties(flags)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .Select(p => new Member(p.Name, p.PropertyType, p.GetValue));
        var fields = type.GetFields(flags).Select(f => new Member(f.Name, f.FieldType, f.GetValue));
        return properties.Concat(fields).ToList();
    }
}

/// <summary>Implemented by values that already know their columns (SQL results).</summary>
internal interface ITabular
{
    IReadOnlyList<string> ColumnNames { get; }
    IReadOnlyList<Type> ColumnTypes { get; }
    IReadOnlyList<object?[]> RawRows { get; }
}
