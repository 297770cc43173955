namespace Sept.Notebooks.Analysis;

/// <summary>Splits SQL (DuckDB/PostgreSQL dialect) into tokens: 'strings' with '' escapes, E'strings' with
/// backslash escapes, $tag$dollar quotes$tag$, "quoted identifiers", nested /* */ and -- comments,
/// numbers, $1 parameters and {name} placeholders. Unterminated quotes and comments become problems.</summary>
public sealed class SqlTokenizer
{
    readonly string sql;
    readonly List<SqlToken> tokens = [];
    readonly List<(string Message, int Offset)> problems = [];
    int position;

    SqlTokenizer(string sql) => this.sql = sql;

    public static (IReadOnlyList<SqlToken> Tokens, IReadOnlyList<(string Message, int Offset)> Problems) Tokenize(string sql)
    {
        var tokenizer = new SqlTokenizer(sql);
        tokenizer.Run();
        return (tokenizer.tokens, tokenizer.problems);
    }

    char At(int offset) => position + offset < sql.Length ? sql[position + offset] : '\0';

    void Run()
    {
        while (position < sql.Length)
        {
            var c = sql[position];
            var start = position;
            if (char.IsWhiteSpace(c)) position++;
            else if (c == '-' && At(1) == '-') SkipLineComment();
            else if (c == '/' && At(1) == '*') SkipBlockComment();
            else if (c == '\'') Quoted(start, '\'', SqlTokenKind.String, backslashEscapes: false);
            else if (c is 'e' or 'E' && At(1) == '\'') { position++; Quoted(start, '\'', SqlTokenKind.String, backslashEscapes: true); }
            else if (c == '"') Quoted(start, '"', SqlTokenKind.QuotedIdentifier, backslashEscapes: false);
            else if (c == '$' && char.IsAsciiDigit(At(1))) Run(start, SqlTokenKind.PositionalParameter, 1, char.IsAsciiDigit);
            else if (c == '$' && TryDollarQuote(start)) { }
            else if (c == '{' && TryPlaceholder(start)) { }
            else if (IsIdentifierStart(c)) Run(start, SqlTokenKind.Identifier, 0, IsIdentifierPart);
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(At(1)))) Number(start);
            else if (c is '(' or ')' or ',' or ';' or '.' or '[' or ']' or '{' or '}') Add(SqlTokenKind.Punctuation, start, 1);
            else Add(SqlTokenKind.Operator, start, c == ':' && At(1) == ':' ? 2 : 1);
        }
    }

    void Add(SqlTokenKind kind, int start, int length)
    {
        tokens.Add(new SqlToken(kind, start, length, sql.Substring(start, length)));
        position = start + length;
    }

    void Run(int start, SqlTokenKind kind, int skip, Func<char, bool> part)
    {
        position += skip;
        while (position < sql.Length && part(sql[position])) position++;
        Add(kind, start, position - start);
    }

    void SkipLineComment()
    {
        while (position < sql.Length && sql[position] != '\n') position++;
    }

    void SkipBlockComment()
    {
        var start = position;
        var depth = 0;
        while (position < sql.Length)
        {
            if (sql[position] == '/' && At(1) == '*') { depth++; position += 2; }
            else if (sql[position] == '*' && At(1) == '/') { position += 2; if (--depth == 0) return; }
            else position++;
        }
        problems.Add(("Unterminated /* comment", start));
    }

    void Quoted(int start, char quote, SqlTokenKind kind, bool backslashEscapes)
    {
        position++;
        while (position < sql.Length)
        {
            var c = sql[position];
            if (backslashEscapes && c == '\\') position += 2;
            else if (c == quote && At(1) == quote) position += 2;
            else if (c == quote) { Add(kind, start, position + 1 - start); return; }
            else position++;
        }
        problems.Add((kind == SqlTokenKind.String ? "Unterminated string" : "Unterminated quoted identifier", start));
        Add(kind, start, sql.Length - start);
    }

    // $$...$$ or $tag$...$tag$; a lone $ is an operator.
    bool TryDollarQuote(int start)
    {
        var end = start + 1;
        while (end < sql.Length && IsIdentifierPart(sql[end]) && sql[end] != '$') end++;
        if (end >= sql.Length || sql[end] != '$' || (end > start + 1 && char.IsAsciiDigit(sql[start + 1]))) return false;
        var tag = sql.Substring(start, end + 1 - start);
        var close = sql.IndexOf(tag, end + 1, StringComparison.Ordinal);
        if (close < 0)
        {
            problems.Add(("Unterminated dollar-quoted string", start));
            Add(SqlTokenKind.String, start, sql.Length - start);
        }
        else Add(SqlTokenKind.String, start, close + tag.Length - start);
        return true;
    }

    // {name} with a C# identifier inside; anything else in braces is a DuckDB struct literal.
    bool TryPlaceholder(int start)
    {
        var end = start + 1;
        if (end >= sql.Length || !(char.IsLetter(sql[end]) || sql[end] == '_')) return false;
        while (end < sql.Length && (char.IsLetterOrDigit(sql[end]) || sql[end] == '_')) end++;
        if (end >= sql.Length || sql[end] != '}') return false;
        Add(SqlTokenKind.Placeholder, start, end + 1 - start);
        return true;
    }

    void Number(int start)
    {
        while (position < sql.Length && (char.IsAsciiDigit(sql[position]) || sql[position] is '.' or '_')) position++;
        if (position < sql.Length && sql[position] is 'e' or 'E' && (char.IsAsciiDigit(At(1)) || (At(1) is '+' or '-' && char.IsAsciiDigit(At(2)))))
        {
            position += 2;
            while (position < sql.Length && char.IsAsciiDigit(sql[position])) position++;
        }
        Add(SqlTokenKind.Number, start, position - start);
    }

    static bool IsIdentifierStart(char c) => char.IsLetter(c) || c == '_';

    static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';
}
