using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Tests.Analysis;

public sealed class CodeEquivalenceTests
{
    [Theory]
    [InlineData("var a = 1;", "var a=1;")]
    [InlineData("var a = 1;", "// seed\nvar a = 1; /* one */\n\n")]
    [InlineData("x\n  .Where(i => i > 1)", "x.Where(i=>i>1) /// doc")]
    public void Comments_and_whitespace_do_not_change_csharp(string before, string after) =>
        Assert.True(CodeEquivalence.SameCode(CellKind.Code, before, after));

    [Theory]
    [InlineData("var a = 1;", "var a = 2;")]
    [InlineData("var s = \"a b\";", "var s = \"a  b\";")]
    [InlineData("var a = b - -c;", "var a = b--c;")]
    [InlineData("#r \"nuget: A, 1.0\"\nvar a = 1;", "#r \"nuget: A, 2.0\"\nvar a = 1;")]
    [InlineData("#if DEBUG\nvar a = 1;\n#endif", "#if RELEASE\nvar a = 1;\n#endif")]
    public void Everything_else_changes_csharp(string before, string after) =>
        Assert.False(CodeEquivalence.SameCode(CellKind.Code, before, after));

    [Fact]
    public void Sql_comments_do_not_count_but_markdown_whitespace_does()
    {
        Assert.True(CodeEquivalence.SameCode(CellKind.Sql, "SELECT 1 -- one", "SELECT  1"));
        Assert.False(CodeEquivalence.SameCode(CellKind.Sql, "SELECT 'a b'", "SELECT 'a  b'"));
        Assert.False(CodeEquivalence.SameCode(CellKind.Markdown, "# a", "#  a"));
    }
}
