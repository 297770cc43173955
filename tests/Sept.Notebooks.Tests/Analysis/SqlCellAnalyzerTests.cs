using Sept.Notebooks.Analysis;

namespace Sept.Notebooks.Tests.Analysis;

public sealed class SqlCellAnalyzerTests
{
    public static TheoryData<string, string, string> Reads => new()
    {
        // sql, reads (space-separated), placeholders in order
        { "SELECT * FROM sales", "sales", "" },
        { "select * from Sales s where s.amount > {minimum}", "Sales minimum", "minimum" },
        { "SELECT a FROM t1, t2 AS b, t3 c WHERE t1.id = b.id", "t1 t2 t3", "" },
        { "SELECT * FROM orders o JOIN customers c ON o.cid = c.id LEFT OUTER JOIN regions USING (rid)", "orders customers regions", "" },
        { "SELECT * FROM main.sales, db.schema.t JOIN other.x ON true", "", "" },
        { "SELECT * FROM read_csv('data.csv'), range(10) r(i)", "", "" },
        { "WITH big AS (SELECT * FROM sales WHERE amount > 10), top AS (SELECT * FROM big) SELECT * FROM top", "sales", "" },
        { "WITH RECURSIVE walk(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM walk WHERE n < 5) SELECT * FROM walk", "", "" },
        { "SELECT * FROM (SELECT * FROM inner_t) AS sub JOIN (SELECT 1) x ON true", "inner_t", "" },
        { "SELECT * FROM t WHERE id IN (SELECT id FROM other WHERE {a} < {b})", "t other a b", "a b" },
        { "SELECT 'FROM fake {p}', \"FROM quoted\" FROM real_t", "real_t", "" },
        { "SELECT 1 -- FROM line_comment {p}\nFROM real_t", "real_t", "" },
        { "SELECT /* FROM a /* nested FROM b */ still FROM c {p} */ 1 FROM real_t", "real_t", "" },
        { "SELECT $$ FROM dollar {p} $$, $tag$ FROM tagged $x$ {q} $tag$ FROM real_t", "real_t", "" },
        { "SELECT E'it\\'s FROM escaped {p}', 'it''s FROM doubled' FROM real_t", "real_t", "" },
        { "SELECT * FROM \"Quoted Table\"", "", "" },
        { "SELECT EXTRACT(year FROM ts), SUBSTRING(s FROM 2), a IS DISTINCT FROM b FROM events", "events", "" },
        { "SELECT {x} + {x} + $1", "x", "x x" },
        { "SELECT {'a': 1} AS s, { b } AS not_placeholder", "", "" },
        { "INSERT INTO archive (id, v) SELECT id, v FROM live", "archive live", "" },
        { "UPDATE prices SET v = {factor} * v", "prices factor", "factor" },
        { "FROM sales SELECT count(*)", "sales", "" },
        { "SELECT * FROM a NATURAL JOIN b ASOF JOIN c ON a.t >= c.t", "a b c", "" },
        { "DESCRIBE sales; SUMMARIZE SELECT * FROM clicks; SUMMARIZE visits", "sales clicks visits", "" },
        { "PIVOT cities ON year USING sum(population)", "cities", "" },
        { "SELECT * FROM t PIVOT (sum(v) FOR k IN ('a', 'b'))", "t", "" },
        { "COPY results TO 'out.csv' (HEADER); COPY (SELECT * FROM src) TO 'x.parquet'", "results src", "" },
        { "", "", "" },
        { "-- only a comment", "", "" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public void Reads_are_placeholders_and_unqualified_table_names(string sql, string reads, string placeholders)
    {
        var analysis = SqlCellAnalyzer.Analyze(sql, resultName: null);

        Assert.Equal(Names(reads).Order(), analysis.Symbols.Reads.Order());
        Assert.Equal(Names(placeholders), analysis.Placeholders.Select(p => p.Name));
        Assert.Empty(analysis.Symbols.Writes);
        Assert.Empty(analysis.Symbols.Diagnostics);
    }

    [Fact]
    public void The_result_name_is_the_cells_write_and_a_same_named_table_is_still_a_read()
    {
        var analysis = SqlCellAnalyzer.Analyze("SELECT * FROM df WHERE v > 0", resultName: "df");

        Assert.Equal(["df"], analysis.Symbols.Writes);
        Assert.Equal(["df"], analysis.Symbols.Reads);
    }

    [Fact]
    public void Known_names_filter_table_references_case_insensitively_but_keep_every_placeholder()
    {
        var known = new HashSet<string> { "sales", "limit" };

        var analysis = SqlCellAnalyzer.Analyze("SELECT * FROM SALES JOIN duck_table USING (id) WHERE n < {cap}", "out", known);

        Assert.Equal(["cap", "sales"], analysis.Symbols.Reads.Order());
        Assert.Equal("sales", Assert.Single(analysis.Tables).Name);
    }

    [Fact]
    public void Placeholders_become_positional_parameters_with_one_number_per_name()
    {
        const string sql = "SELECT * FROM t WHERE a > {low} AND a < {high} OR b = {low} AND c = '{low}'";

        var (positional, names) = SqlCellAnalyzer.Analyze(sql, null).ToPositional(sql);

        Assert.Equal("SELECT * FROM t WHERE a > $1 AND a < $2 OR b = $1 AND c = '{low}'", positional);
        Assert.Equal(["low", "high"], names);
    }

    [Fact]
    public void Placeholder_and_table_spans_point_into_the_source()
    {
        const string sql = "SELECT {n} FROM\n  sales";

        var analysis = SqlCellAnalyzer.Analyze(sql, null);

        Assert.Equal("{n}", sql.Substring(analysis.Placeholders[0].Start, analysis.Placeholders[0].Length));
        Assert.Equal("sales", sql.Substring(analysis.Tables[0].Start, analysis.Tables[0].Length));
    }

    [Theory]
    [InlineData("SELECT 'open", "Unterminated string", 1, 8)]
    [InlineData("SELECT 1\nFROM t /* open", "Unterminated /* comment", 2, 8)]
    [InlineData("SELECT $a$ body", "Unterminated dollar-quoted string", 1, 8)]
    [InlineData("SELECT \"open", "Unterminated quoted identifier", 1, 8)]
    public void Unterminated_quotes_and_comments_are_reported_where_they_start(string sql, string message, int line, int column)
    {
        var diagnostic = Assert.Single(SqlCellAnalyzer.Analyze(sql, null).Symbols.Diagnostics);

        Assert.Equal((message, line, column, true), (diagnostic.Message, diagnostic.Line, diagnostic.Column, diagnostic.IsError));
    }

    [Fact]
    public void The_tokenizer_keeps_strings_quoted_identifiers_and_numbers_whole()
    {
        var (tokens, problems) = SqlTokenizer.Tokenize("SELECT 'a''b', \"x\"\"y\", 1.5e-3, $2::INT, $q$ $ $q$");

        Assert.Empty(problems);
        Assert.Equal(
            ["SELECT", "'a''b'", ",", "\"x\"\"y\"", ",", "1.5e-3", ",", "$2", "::", "INT", ",", "$q$ $ $q$"],
            tokens.Select(t => t.Text));
    }

    static string[] Names(string spaced) => spaced.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
