using System.Collections.Concurrent;
using System.Text.Json;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Formatting;

/// <summary>Keeps the last table each cell displayed so the UI can page through it (GET /kernel/table).</summary>
public sealed class TableStore
{
    private readonly ConcurrentDictionary<string, TableData> tables = new();

    internal void Keep(string cellId, TableData table) => tables[cellId] = table;

    public void Remove(string cellId) => tables.TryRemove(cellId, out _);

    public TablePage? Page(string cellId, int offset, int limit)
    {
        if (!tables.TryGetValue(cellId, out var table)) return null;
        var rows = table.Rows.Skip(offset).Take(limit).Select(Row).ToList();
        return new TablePage(cellId, table.Columns, rows, offset, table.Rows.Count);
    }

    internal static JsonElement Row(object?[] row) => JsonValues.Element(w =>
    {
        w.WriteStartArray();
        foreach (var value in row) JsonValues.Write(w, value);
        w.WriteEndArray();
    });
}
