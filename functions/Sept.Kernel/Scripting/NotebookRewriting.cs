namespace Sept.Kernel.Scripting;

/// <summary>A cell ready to submit: renamed declarations and reads (see docs/kernel.md, variable model).</summary>
public sealed record RewrittenCode(string Code, IReadOnlyDictionary<string, string> UserNames);

/// <summary>A <c>{name}</c> placeholder in a SQL cell: the span covers the braces.</summary>
public sealed record SqlPlaceholder(string Name, int Start, int Length);

/// <summary>The kernel's one door to Sept.Notebooks' rewriting and SQL analysis.</summary>
public static class NotebookRewriting
{
    /// <summary>The identifier a cell's declaration of <paramref name="name"/> gets in the submission chain.</summary>
    public static string Unique(string name, string cellId) => $"{name}__{cellId}";

    // INTERIM until the analysis branch lands: no renaming.
    public static RewrittenCode Rewrite(string source, string cellId, IReadOnlyDictionary<string, string> bindings) =>
        new(source, new Dictionary<string, string>());

    // INTERIM until the analysis branch lands: braces outside quotes and comments.
    public static IReadOnlyList<SqlPlaceholder> Placeholders(string sql, string? resultName, IReadOnlySet<string> knownNames)
    {
        var found = new List<SqlPlaceholder>();
        for (var i = 0; i < sql.Length; i++)
        {
            var c = sql[i];
            if (c is '\'' or '"')
            {
                var end = sql.IndexOf(c, i + 1);
                i = end < 0 ? sql.Length : end;
            }
            else if (c == '-' && i + 1 < sql.Length && sql[i + 1] == '-')
            {
                var end = sql.IndexOf('\n', i);
                i = end < 0 ? sql.Length : end;
            }
            else if (c == '{')
            {
                var end = sql.IndexOf('}', i);
                if (end < 0) break;
                var name = sql[(i + 1)..end].Trim();
                if (knownNames.Contains(name)) found.Add(new SqlPlaceholder(name, i, end - i + 1));
                i = end;
            }
        }
        return found;
    }
}
