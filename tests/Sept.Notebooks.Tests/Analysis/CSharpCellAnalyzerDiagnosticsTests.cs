using Sept.Notebooks.Analysis;

namespace Sept.Notebooks.Tests.Analysis;

public sealed class CSharpCellAnalyzerDiagnosticsTests
{
    [Fact]
    public void A_syntax_error_is_reported_at_its_line_and_column_and_reads_still_come_out()
    {
        var symbols = CSharpCellAnalyzer.Analyze("var a = 1;\n\nvar y = x +;").Symbols;

        var error = Assert.Single(symbols.Diagnostics);
        Assert.Equal(("CS1525", 3, 12, true), (error.Id, error.Line, error.Column, error.IsError));
        Assert.Contains("x", symbols.Reads);
        Assert.Equal(["a", "y"], symbols.Writes.Order());
    }

    [Fact]
    public void A_type_error_is_reported_but_free_names_are_not_errors()
    {
        var symbols = CSharpCellAnalyzer.Analyze("var z = q;\nint y = \"text\";").Symbols;

        var error = Assert.Single(symbols.Diagnostics);
        Assert.Equal(("CS0029", 2, 9), (error.Id, error.Line, error.Column));
        Assert.Equal(["q"], symbols.Reads);
    }

    [Fact]
    public void A_cell_made_only_of_free_names_has_no_diagnostics()
    {
        var symbols = CSharpCellAnalyzer.Analyze("foreach (var (k, v) in pairs) Show(k, v);\nvar t = new Person { Name = n };").Symbols;

        Assert.Empty(symbols.Diagnostics);
        Assert.Equal(["Person", "Show", "n", "pairs"], symbols.Reads.Order());
    }

    [Fact]
    public void Redeclaring_a_name_from_its_own_initializer_reports_the_compiler_error_and_no_read()
    {
        // C# binds the x on the right to the x being declared, so the outer x can never be read this way.
        var symbols = CSharpCellAnalyzer.Analyze("var x = x + 1;").Symbols;

        Assert.Equal("CS7019", Assert.Single(symbols.Diagnostics).Id);
        Assert.Empty(symbols.Reads);
        Assert.Equal(["x"], symbols.Writes);
    }

    [Theory]
    [InlineData("#r \"nuget: Foo, 1.0\"\nvar y = 1;")]
    [InlineData("#load \"other.csx\"\nvar y = 1;")]
    [InlineData("#r \"System.Data.dll\"\n#load \"a.csx\"\nvar y = 1;")]
    public void Directives_are_left_to_the_kernel(string source)
    {
        var symbols = CSharpCellAnalyzer.Analyze(source).Symbols;

        Assert.Empty(symbols.Diagnostics);
        Assert.Equal(["y"], symbols.Writes);
    }

    [Fact]
    public void Without_semantic_diagnostics_only_syntax_errors_are_reported()
    {
        var typeError = CSharpCellAnalyzer.Analyze("int y = \"text\";", withSemanticDiagnostics: false);
        var syntaxError = CSharpCellAnalyzer.Analyze("var y = (1;", withSemanticDiagnostics: false);

        Assert.Empty(typeError.Symbols.Diagnostics);
        Assert.Equal(["y"], typeError.Symbols.Writes);
        Assert.NotEmpty(syntaxError.Symbols.Diagnostics);
    }

    [Fact]
    public void Warnings_are_reported_as_non_errors()
    {
        var symbols = CSharpCellAnalyzer.Analyze("#warning check this\nvar y = 1;").Symbols;

        var warning = Assert.Single(symbols.Diagnostics);
        Assert.False(warning.IsError);
        Assert.Equal(1, warning.Line);
    }
}
