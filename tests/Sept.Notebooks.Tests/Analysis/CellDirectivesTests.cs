using Sept.Notebooks.Analysis;

namespace Sept.Notebooks.Tests.Analysis;

public sealed class CellDirectivesTests
{
    [Fact]
    public void Package_assembly_and_feed_directives_at_the_top_are_read_and_blanked_in_place()
    {
        const string source = "#r \"nuget: Humanizer.Core, 3.0.10\"\n// a comment\n#r \"nuget:Newtonsoft.Json\"\n" +
            "#r \"lib/My.dll\"\n#i \"nuget: https://example.test/v3/index.json\"\nvar x = 1;\n#r \"nuget: Late\"";
        var split = CellDirectives.Split(source);

        Assert.Empty(split.Errors);
        Assert.Equal(
            [
                new CellDirective(DirectiveKind.Package, "Humanizer.Core", "3.0.10", 1),
                new CellDirective(DirectiveKind.Package, "Newtonsoft.Json", null, 3),
                new CellDirective(DirectiveKind.Assembly, "lib/My.dll", null, 4),
                new CellDirective(DirectiveKind.Feed, "https://example.test/v3/index.json", null, 5),
            ],
            split.Directives);
        // Same length and lines: spans and positions of the code do not move. Directives after code are left to C#.
        Assert.Equal(source.Length, split.Code.Length);
        Assert.Equal(source.IndexOf("var x", StringComparison.Ordinal), split.Code.IndexOf("var x", StringComparison.Ordinal));
        Assert.DoesNotContain("Humanizer", split.Code);
        Assert.EndsWith("#r \"nuget: Late\"", split.Code);
    }

    [Fact]
    public void Ranges_and_prerelease_floats_are_kept_as_written()
    {
        var split = CellDirectives.Split("#r \"nuget: A, [1.0,2.0)\"\n#r \"nuget: B, *-*\"");
        Assert.Equal(["[1.0,2.0)", "*-*"], split.Directives.Select(d => d.Version));
    }

    [Theory]
    [InlineData("#r \"nuget: \"")]
    [InlineData("#r \"nuget: two words\"")]
    [InlineData("#r \"notes.txt\"")]
    [InlineData("#i \"not a url\"")]
    [InlineData("#r nuget: NoQuotes")]
    public void A_malformed_directive_is_an_error_on_its_line(string line)
    {
        var split = CellDirectives.Split("\n" + line + "\n1");
        var error = Assert.Single(split.Errors);
        Assert.Equal(2, error.Line);
        Assert.True(error.IsError);
    }

    [Fact]
    public void The_package_set_is_the_union_of_cells_and_a_later_cell_s_version_wins()
    {
        var a = CellDirectives.Split("#r \"nuget: Humanizer.Core, 2.14.1\"\n#r \"nuget: Dapper\"").Directives;
        var b = CellDirectives.Split("#r \"nuget: humanizer.core, 3.0.10\"").Directives;
        var union = CellDirectives.Union([a, b]);
        Assert.Equal(2, union.Count);
        Assert.Equal("3.0.10", union.Single(d => d.Value.Equals("Humanizer.Core", StringComparison.OrdinalIgnoreCase)).Version);
        Assert.Null(union.Single(d => d.Value == "Dapper").Version);
    }
}
