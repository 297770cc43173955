using System.Collections;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Formatting;

/// <summary>Microsoft.Data.Analysis' DataFrame (a package a cell loads, so the kernel cannot reference it) as a
/// pageable table, read through its public shape: <c>Columns</c> (each with <c>Name</c> and <c>DataType</c>) and
/// <c>Rows</c> (each an enumerable of values in column order).</summary>
internal static class DataFrameTable
{
    private const string DataFrameType = "Microsoft.Data.Analysis.DataFrame";

    public static bool Is(object value) => value.GetType().FullName == DataFrameType;

    public static TableData From(object frame, int maxRows)
    {
        var type = frame.GetType();
        var columns = ((IEnumerable)type.GetProperty("Columns")!.GetValue(frame)!).Cast<object>().ToList();
        var names = columns.Select(c => (string)c.GetType().GetProperty("Name")!.GetValue(c)!).ToList();
        var types = columns.Select(c => (Type)c.GetType().GetProperty("DataType")!.GetValue(c)!).ToList();
        var rows = ((IEnumerable)type.GetProperty("Rows")!.GetValue(frame)!).Cast<IEnumerable>()
            .Take(maxRows)
            .Select(row => row.Cast<object?>().ToArray())
            .ToList();
        return new TableData(names.Select((n, i) => new TableColumn(n, TypeNames.Of(types[i]))).ToList(), types, rows);
    }
}
