using System.Collections;
using DuckDB.NET.Data;
using Sept.Kernel.Formatting;
using Sept.Kernel.Notebook;

namespace Sept.Kernel.Sql;

/// <summary>The kernel's one in-memory DuckDB connection, plus the notebook collections registered as tables in it.</summary>
public sealed class DuckDbSession : IDisposable
{
    private readonly Lazy<DuckDBConnection> connection = new(Open);
    private readonly Dictionary<string, (string CellId, object Source)> registered = new(StringComparer.OrdinalIgnoreCase);

    private static DuckDBConnection Open()
    {
        var c = new DuckDBConnection("DataSource=:memory:");
        c.Open();
        return c;
    }

    public void WarmUp()
    {
        using var command = connection.Value.CreateCommand();
        command.CommandText = "SELECT 1";
        command.ExecuteScalar();
    }

    /// <summary>Runs SQL with positional parameters ($1, $2...); returns the last result set.</summary>
    public SqlResult Query(string sql, IReadOnlyList<object?> parameters, CancellationToken ct)
    {
        using var command = connection.Value.CreateCommand();
        command.CommandText = sql;
        foreach (var p in parameters) command.Parameters.Add(new DuckDBParameter(DuckTypes.Parameter(p)));
        ct.ThrowIfCancellationRequested();
        using var reader = command.ExecuteReader();
        SqlResult result = new(Array.Empty<string>(), Array.Empty<Type>(), Array.Empty<object?[]>());
        do
        {
            if (reader.FieldCount == 0) continue;
            var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
            var types = Enumerable.Range(0, reader.FieldCount).Select(reader.GetFieldType).ToList();
            var rows = new List<object?[]>();
            while (reader.Read())
            {
                var row = new object?[reader.FieldCount];
                for (var i = 0; i < row.Length; i++) row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
                rows.Add(row);
            }
            result = new SqlResult(names, types, rows);
        }
        while (reader.NextResult());
        return result;
    }

    /// <summary>Makes a notebook collection queryable under the name the user reads it by. Re-created only when
    /// the binding or the value changed.</summary>
    public void Register(string userName, string cellId, object value)
    {
        if (registered.TryGetValue(userName, out var known) && known.CellId == cellId && ReferenceEquals(known.Source, value)) return;
        var table = TableData.From(value, int.MaxValue);
        var name = DuckTypes.Quote(userName);
        Execute($"DROP TABLE IF EXISTS {name}");
        var columns = table.Columns.Select((c, i) => $"{DuckTypes.Quote(c.Name)} {DuckTypes.Column(table.ColumnTypes[i])}");
        Execute($"CREATE TABLE {name} ({string.Join(", ", columns)})");
        using (var appender = connection.Value.CreateAppender(userName))
        {
            foreach (var row in table.Rows)
            {
                var appending = appender.CreateRow();
                for (var i = 0; i < row.Length; i++) DuckTypes.Append(appending, row[i], table.ColumnTypes[i]);
                appending.EndRow();
            }
        }
        registered[userName] = (cellId, value);
    }

    /// <summary>Drops the tables registered from a deleted cell's values.</summary>
    public void Forget(string cellId)
    {
        foreach (var (name, _) in registered.Where(r => r.Value.CellId == cellId).ToList())
        {
            Execute($"DROP TABLE IF EXISTS {DuckTypes.Quote(name)}");
            registered.Remove(name);
        }
    }

    public static bool IsCollection(object? value) => value is IEnumerable and not string and not byte[] || value is SqlResult;

    private void Execute(string sql)
    {
        using var command = connection.Value.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (connection.IsValueCreated) connection.Value.Dispose();
    }
}
