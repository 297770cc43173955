using CsCheck;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Rewriting;

namespace Sept.Notebooks.Tests.Analysis;

/// <summary>Random fragments glued together: analysis and rewriting never throw, spans stay inside the source,
/// and rewriting keeps the line count.</summary>
public sealed class AnalysisRobustnessTests
{
    static readonly Gen<string> sqlText = Gen.OneOf(
        "SELECT ", "FROM ", "JOIN ", "WITH ", " AS ", "(", ")", ",", ".", "'", "''", "E'", "\\", "\"", "$$", "$t$", "$1",
        "{", "}", "{x}", "--", "/*", "*/", "\n", " ", "sales", "t", "read_csv", "1.5e", "::", "INTO ", "UPDATE ")
        .Array[0, 40].Select(string.Concat);

    static readonly Gen<string> markdownText = Gen.OneOf(
        "```", "~~~", "`", "``", "{", "}", "{x}", "{{", "\\", "\n", " ", "text", "    ")
        .Array[0, 40].Select(string.Concat);

    static readonly Gen<string> csharpText = Gen.OneOf(
        "var ", "x", "y", " = ", "1", ";", "\n", "(", ")", "{", "}", "=>", ".", ",", "new ", "nameof", "$\"", "\"",
        "{x}", "int ", "class C", "record R(int A);", "out var z", " is int p", "from a in xs select a", "x++", "+=",
        "#r \"a\"\n", "//", "/*", "*/", "using N = System.Int32;", "<", ">", "[", "]", "?", "!")
        .Array[0, 30].Select(string.Concat);

    [Fact]
    public void Sql_analysis_never_throws_and_spans_stay_inside()
    {
        sqlText.Sample(sql =>
        {
            var analysis = SqlCellAnalyzer.Analyze(sql, "r");
            Assert.All(analysis.Placeholders, p => Assert.True(p.Start + p.Length <= sql.Length));
            Assert.All(analysis.Tables, t => Assert.Equal(t.Name, sql.Substring(t.Start, t.Length)));
            _ = analysis.ToPositional(sql);
        }, iter: 2000);
    }

    [Fact]
    public void Markdown_analysis_never_throws()
    {
        markdownText.Sample(markdown =>
        {
            var (_, placeholders) = MarkdownCellAnalyzer.Analyze(markdown);
            Assert.All(placeholders, p => Assert.Equal("{" + p.Name + "}", markdown.Substring(p.Start, p.Length)));
        }, iter: 2000);
    }

    [Fact]
    public void Csharp_analysis_and_rewriting_never_throw_and_keep_lines()
    {
        var cell = CellId.New();
        var other = CellId.New();
        csharpText.Sample(source =>
        {
            var analysis = CSharpCellAnalyzer.Analyze(source);
            var rewritten = CSharpCellRewriter.Rewrite(analysis, cell, analysis.Symbols.Reads.ToDictionary(r => r, _ => other));
            Assert.Equal(source.Split('\n').Length, rewritten.Code.Split('\n').Length);
        }, iter: 150);
    }
}
