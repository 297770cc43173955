using System.Collections;
using System.Globalization;
using System.Reflection;
using Sept.Kernel.Formatting;

namespace Sept.Kernel.Notebook;

/// <summary>The rows a SQL cell returned, with the column names and types DuckDB reported.</summary>
public class SqlResult : ITabular
{
    internal SqlResult(IReadOnlyList<string> columnNames, IReadOnlyList<Type> columnTypes, IReadOnlyList<object?[]> rows)
    {
        ColumnNames = columnNames;
        ColumnTypes = columnTypes;
        RawRows = rows;
    }

    public IReadOnlyList<string> ColumnNames { get; }
    public IReadOnlyList<Type> ColumnTypes { get; }
    public IReadOnlyList<object?[]> RawRows { get; }
    public int RowCount => RawRows.Count;

    /// <summary>One column's values, converted to <typeparamref name="T"/>.</summary>
    public IEnumerable<T> Column<T>(string name)
    {
        var index = ColumnNames.ToList().IndexOf(name);
        if (index < 0) throw new ArgumentException($"No column '{name}' (columns: {string.Join(", ", ColumnNames)}).", nameof(name));
        return RawRows.Select(r => (T)Convert(r[index], typeof(T))!);
    }

    public override string ToString() => $"SQL result: {RowCount} rows × {ColumnNames.Count} columns";

    internal static object? Convert(object? value, Type target)
    {
        if (value is null or DBNull) return null;
        var plain = Nullable.GetUnderlyingType(target) ?? target;
        if (plain.IsInstanceOfType(value)) return value;
        if (plain == typeof(DateOnly) && value is DateTime dt) return DateOnly.FromDateTime(dt);
        if (plain == typeof(string)) return value.ToString();
        return System.Convert.ChangeType(value, plain, CultureInfo.InvariantCulture);
    }
}

/// <summary>A SQL result with a typed row record generated for its columns: <c>df.Where(r =&gt; r.total &gt; 10)</c>.</summary>
public sealed class SqlResult<TRow> : SqlResult, IReadOnlyList<TRow>
{
    private readonly IReadOnlyList<TRow> rows;

    public SqlResult(SqlResult result) : base(result.ColumnNames, result.ColumnTypes, result.RawRows)
    {
        var constructor = typeof(TRow).GetConstructors()
            .Single(c => c.GetParameters().Length == result.ColumnNames.Count);
        var parameters = constructor.GetParameters();
        rows = result.RawRows.Select(r => Create(constructor, parameters, r)).ToList();
    }

    private static TRow Create(ConstructorInfo constructor, ParameterInfo[] parameters, object?[] raw) =>
        (TRow)constructor.Invoke(raw.Select((v, i) => Convert(v, parameters[i].ParameterType)).ToArray());

    public TRow this[int index] => rows[index];
    public int Count => rows.Count;
    public IEnumerator<TRow> GetEnumerator() => rows.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
