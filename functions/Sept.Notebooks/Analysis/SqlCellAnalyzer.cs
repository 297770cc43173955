namespace Sept.Notebooks.Analysis;

/// <summary>Reads of a SQL cell: its {name} placeholders and the notebook values it queries as tables.
/// Its one write is the result name the cell's output is stored under.</summary>
public static class SqlCellAnalyzer
{
    /// <param name="knownNames">Names written by other cells. When given, table references are kept only if they
    /// match one (case-insensitively, as DuckDB compares names) and are reported in the notebook's spelling.</param>
    public static SqlCellAnalysis Analyze(string sql, string? resultName, IReadOnlySet<string>? knownNames = null)
    {
        var (tokens, problems) = SqlTokenizer.Tokenize(sql);
        var placeholders = tokens
            .Where(t => t.Kind == SqlTokenKind.Placeholder)
            .Select(t => new Placeholder(t.Text[1..^1], t.Start, t.Length))
            .ToList();
        var tables = new List<SqlTableReference>();
        foreach (var table in SqlTableFinder.Find(tokens))
        {
            if (knownNames is null) tables.Add(table);
            else if (Known(knownNames, table.Name) is { } known) tables.Add(table with { Name = known });
        }

        var reads = placeholders.Select(p => p.Name).Concat(tables.Select(t => t.Name)).ToHashSet(StringComparer.Ordinal);
        var writes = new HashSet<string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(resultName)) writes.Add(resultName);
        var diagnostics = problems.Select(p => Diagnostic(sql, p.Message, p.Offset)).ToList();
        return new SqlCellAnalysis(new CellSymbols(writes, reads, new HashSet<string>(), diagnostics), placeholders, tables);
    }

    static string? Known(IReadOnlySet<string> knownNames, string name) =>
        knownNames.Contains(name) ? name : knownNames.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));

    static CellDiagnostic Diagnostic(string sql, string message, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
            if (sql[i] == '\n') { line++; lineStart = i + 1; }
        return new CellDiagnostic("SQL", message, line, offset - lineStart + 1, IsError: true);
    }
}
