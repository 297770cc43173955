namespace Sept.Notebooks.Analysis;

/// <summary>Finds unqualified names in table position: after FROM (and its comma list), JOIN, INTO, UPDATE and the
/// DuckDB statements DESCRIBE, SUMMARIZE, PIVOT, UNPIVOT and COPY.
/// Skips schema-qualified names, table functions (read_csv(...)), subqueries, CTE names and quoted identifiers.</summary>
static class SqlTableFinder
{
    // DESCRIBE t, SUMMARIZE t, PIVOT t ON ..., COPY t TO ... are DuckDB statements that take a table first.
    static readonly HashSet<string> tablePositionKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "FROM", "JOIN", "INTO", "UPDATE", "DESCRIBE", "SUMMARIZE", "PIVOT", "UNPIVOT", "COPY",
    };

    // FROM inside these calls is not a table position: EXTRACT(year FROM ts), SUBSTRING(s FROM 2), TRIM(x FROM s).
    static readonly HashSet<string> fromFunctions = new(StringComparer.OrdinalIgnoreCase) { "EXTRACT", "SUBSTRING", "TRIM", "OVERLAY", "POSITION" };

    // Words that can follow a table reference; anything else there is an alias.
    static readonly HashSet<string> clauseKeywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "WHERE", "JOIN", "ON", "USING", "GROUP", "ORDER", "LIMIT", "OFFSET", "HAVING", "QUALIFY", "WINDOW", "UNION",
        "EXCEPT", "INTERSECT", "INNER", "LEFT", "RIGHT", "FULL", "OUTER", "CROSS", "NATURAL", "POSITIONAL", "ASOF",
        "ANTI", "SEMI", "LATERAL", "SET", "VALUES", "SELECT", "RETURNING", "TABLESAMPLE", "USING", "SAMPLE", "PIVOT",
        "UNPIVOT", "FETCH", "FOR", "DEFAULT", "BY", "AS", "WITH", "DO", "ON", "BEGIN", "END", "FROM",
    };

    public static IReadOnlyList<SqlTableReference> Find(IReadOnlyList<SqlToken> tokens)
    {
        var cteNames = CteNames(tokens);
        var found = new List<SqlTableReference>();
        var openCalls = new Stack<string?>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Is("(")) openCalls.Push(i > 0 && tokens[i - 1].Kind == SqlTokenKind.Identifier ? tokens[i - 1].Text : null);
            else if (token.Is(")") && openCalls.Count > 0) openCalls.Pop();
            if (token.Kind != SqlTokenKind.Identifier || !tablePositionKeywords.Contains(token.Text)) continue;
            if (token.IsKeyword("FROM") && ((openCalls.TryPeek(out var call) && call is not null && fromFunctions.Contains(call))
                || (i > 0 && tokens[i - 1].IsKeyword("DISTINCT")))) continue;

            var next = i + 1;
            do next = TableReference(tokens, next, cteNames, found, allowCall: !token.IsKeyword("INTO"));
            while (token.IsKeyword("FROM") && next < tokens.Count && tokens[next].Is(",") && ++next > 0);
        }
        return found;
    }

    // Reads one table reference (with its alias) at index; returns the index after it.
    // After INTO a parenthesis is a column list, elsewhere it makes the name a table function.
    static int TableReference(IReadOnlyList<SqlToken> tokens, int index, HashSet<string> cteNames, List<SqlTableReference> found,
        bool allowCall)
    {
        if (index < tokens.Count && (tokens[index].IsKeyword("LATERAL") || tokens[index].IsKeyword("ONLY"))) index++;
        if (index >= tokens.Count) return index;
        var name = tokens[index];
        if (name.Is("(")) return SkipAlias(tokens, SkipParens(tokens, index));
        var qualified = index + 1 < tokens.Count && tokens[index + 1].Is(".");
        var isCall = allowCall && index + 1 < tokens.Count && tokens[index + 1].Is("(");
        if (name.Kind == SqlTokenKind.Identifier && !qualified && !isCall && !clauseKeywords.Contains(name.Text)
            && !cteNames.Contains(name.Text))
            found.Add(new SqlTableReference(name.Text, name.Start, name.Length));
        index++;
        while (index + 1 < tokens.Count && tokens[index].Is(".")) index += 2;
        if (index < tokens.Count && tokens[index].Is("(")) index = SkipParens(tokens, index);
        return SkipAlias(tokens, index);
    }

    static int SkipAlias(IReadOnlyList<SqlToken> tokens, int index)
    {
        if (index < tokens.Count && tokens[index].IsKeyword("AS")) index++;
        if (index < tokens.Count && tokens[index].Kind is SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier
            && !clauseKeywords.Contains(tokens[index].Text))
        {
            index++;
            if (index < tokens.Count && tokens[index].Is("(")) index = SkipParens(tokens, index);
        }
        return index;
    }

    static int SkipParens(IReadOnlyList<SqlToken> tokens, int open)
    {
        var depth = 0;
        for (var i = open; i < tokens.Count; i++)
        {
            if (tokens[i].Is("(")) depth++;
            else if (tokens[i].Is(")") && --depth == 0) return i + 1;
        }
        return tokens.Count;
    }

    // WITH [RECURSIVE] name [(columns)] AS [NOT] [MATERIALIZED] (...) [, name ...]
    static HashSet<string> CteNames(IReadOnlyList<SqlToken> tokens)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsKeyword("WITH")) continue;
            var at = i + 1;
            if (at < tokens.Count && tokens[at].IsKeyword("RECURSIVE")) at++;
            while (at < tokens.Count && tokens[at].Kind is SqlTokenKind.Identifier or SqlTokenKind.QuotedIdentifier)
            {
                names.Add(tokens[at].Text.Trim('"'));
                at++;
                if (at < tokens.Count && tokens[at].Is("(")) at = SkipParens(tokens, at);
                if (at >= tokens.Count || !tokens[at].IsKeyword("AS")) break;
                at++;
                while (at < tokens.Count && (tokens[at].IsKeyword("NOT") || tokens[at].IsKeyword("MATERIALIZED"))) at++;
                if (at >= tokens.Count || !tokens[at].Is("(")) break;
                at = SkipParens(tokens, at);
                if (at >= tokens.Count || !tokens[at].Is(",")) break;
                at++;
            }
        }
        return names;
    }
}
