using System.Text.Json;
using Sept.Kernel.Execution;
using Sept.Kernel.Notebook;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Sql;

/// <summary>The rows of a connection SQL cell, which the app queried on the target database and sends in
/// <c>config.result</c> <c>{columns:[{name,type}], rows:[[...]]}</c> (types and values in <see cref="WireTypes"/> form).
/// The kernel never holds the connection's credentials; it only receives the result.</summary>
internal static class FetchedResult
{
    /// <summary>Null when the request carries no result (a DuckDB cell).</summary>
    public static SqlResult? From(JsonElement? config)
    {
        if (CellConfig.Element(config, "result") is not { ValueKind: JsonValueKind.Object } result) return null;
        var columns = result.GetProperty("columns").EnumerateArray().ToList();
        var names = columns.Select(c => c.GetProperty("name").GetString() ?? "").ToList();
        var types = columns.Select(c => WireTypes.TypeOf(c.GetProperty("type").GetString() ?? "") ?? typeof(string)).ToList();
        var rows = new List<object?[]>();
        foreach (var json in result.GetProperty("rows").EnumerateArray())
        {
            var row = new object?[types.Count];
            var i = 0;
            foreach (var cell in json.EnumerateArray()) { row[i] = WireTypes.Read(cell, types[i]); i++; }
            rows.Add(row);
        }
        // An array column whose elements hold null is typed with nullable elements, like the values themselves.
        for (var c = 0; c < types.Count; c++)
            if (types[c].IsArray && types[c] != typeof(byte[]) && rows.FirstOrDefault(r => r[c] is Array a && a.GetType() != types[c])?[c] is { } wider)
                types[c] = wider.GetType();
        for (var c = 0; c < types.Count; c++)
            if (types[c].IsArray && types[c] != typeof(byte[]))
                foreach (var row in rows) row[c] = Widen(row[c] as Array, types[c]);
        return new SqlResult(names, types, rows);
    }

    private static Array? Widen(Array? array, Type type)
    {
        if (array is null || array.GetType() == type) return array;
        var wide = Array.CreateInstance(type.GetElementType()!, array.Length);
        Array.Copy(array, wide, array.Length);
        return wide;
    }
}
