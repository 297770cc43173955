using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Tests.Analysis;

public sealed class CellAnalyzerTests
{
    [Theory]
    [InlineData("# Total: {total}\nAverage {avg} of {count}.", "avg count total")]
    [InlineData("Inline `code {notRead}` and ``two `{alsoNot}` ticks`` but {read}", "read")]
    [InlineData("Before {a}\n```csharp\nvar s = $\"{notRead}\";\n```\nAfter {b}", "a b")]
    [InlineData("~~~~\n{notRead}\n~~~\n{stillCode}\n~~~~\n{after}", "after")]
    [InlineData("Escaped \\{notRead} and doubled {{notRead}} and {x.Length} and { spaced }", "")]
    [InlineData("Unclosed `tick {read}", "read")]
    [InlineData("", "")]
    public void Markdown_reads_its_interpolations_outside_code(string markdown, string reads)
    {
        var symbols = CellAnalyzer.Analyze(CellKind.Markdown, markdown, CellSettings.None);

        Assert.Equal(reads.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(), symbols.Reads.Order());
        Assert.Empty(symbols.Writes);
    }

    [Fact]
    public void Markdown_placeholders_carry_their_spans()
    {
        const string markdown = "Hello **{name}**";

        var placeholder = Assert.Single(MarkdownCellAnalyzer.Analyze(markdown).Placeholders);

        Assert.Equal("{name}", markdown.Substring(placeholder.Start, placeholder.Length));
    }

    [Fact]
    public void Code_cells_go_to_the_csharp_analyzer_with_syntax_errors_only()
    {
        var symbols = CellAnalyzer.Analyze(CellKind.Code, "var y = x * 2;\nint bad = \"text\";\nvar z = (1;", CellSettings.None);

        Assert.Equal(["bad", "y", "z"], symbols.Writes.Order());
        Assert.Equal(["x"], symbols.Reads);
        Assert.All(symbols.Diagnostics, d => Assert.Equal(3, d.Line));
        Assert.NotEmpty(symbols.Diagnostics);
    }

    [Fact]
    public void Sql_cells_write_their_result_name_and_filter_tables_by_known_names()
    {
        var symbols = CellAnalyzer.Analyze(CellKind.Sql, "SELECT * FROM sales JOIN duck USING (id) WHERE v > {min}",
            new CellSettings(ResultName: "top"), new HashSet<string> { "sales" });

        Assert.Equal(["top"], symbols.Writes);
        Assert.Equal(["min", "sales"], symbols.Reads.Order());
    }

    [Fact]
    public void An_input_writes_its_name_and_a_chart_reads_its_data()
    {
        var input = CellAnalyzer.Analyze(CellKind.Input, "", new CellSettings(InputName: "threshold"));
        var chart = CellAnalyzer.Analyze(CellKind.Chart, "", new CellSettings(ChartData: "sales"));

        Assert.Equal(["threshold"], input.Writes);
        Assert.Empty(input.Reads);
        Assert.Empty(chart.Writes);
        Assert.Equal(["sales"], chart.Reads);
    }

    [Theory]
    [InlineData(CellKind.Input)]
    [InlineData(CellKind.Chart)]
    public void Missing_settings_give_no_symbols(CellKind kind)
    {
        var symbols = CellAnalyzer.Analyze(kind, "", CellSettings.None);

        Assert.Equal((0, 0, 0), (symbols.Writes.Count, symbols.Reads.Count, symbols.Diagnostics.Count));
    }

    [Theory]
    [InlineData("my value")]
    [InlineData("class")]
    [InlineData("1st")]
    public void A_name_that_is_not_an_identifier_is_a_readable_error(string name)
    {
        var symbols = CellAnalyzer.Analyze(CellKind.Input, "", new CellSettings(InputName: name));

        Assert.Empty(symbols.Writes);
        Assert.Contains("not a valid C# identifier", Assert.Single(symbols.Diagnostics).Message);
    }
}
