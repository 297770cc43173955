using Sept.Notebooks.Analysis;

namespace Sept.Functions.Connections;

/// <summary>A connection cell's SQL in the target's own parameter syntax: each distinct <c>{name}</c> (found by the
/// same tokenizer as DuckDB cells, so braces in strings, comments and quoted identifiers stay) becomes one server-side
/// parameter; a name used twice binds once. Values are never spliced into the text.</summary>
public static class ConnectionSql
{
    public static (string Sql, IReadOnlyList<string> ParameterNames) Rewrite(string source, IConnectionDialect dialect)
    {
        var placeholders = SqlCellAnalyzer.Analyze(source, resultName: null, knownNames: new HashSet<string>()).Placeholders;
        var names = placeholders.Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
        var text = new System.Text.StringBuilder(source);
        foreach (var placeholder in placeholders.OrderByDescending(p => p.Start))
            text.Remove(placeholder.Start, placeholder.Length).Insert(placeholder.Start, dialect.Placeholder(names.IndexOf(placeholder.Name)));
        return (text.ToString(), names);
    }
}
