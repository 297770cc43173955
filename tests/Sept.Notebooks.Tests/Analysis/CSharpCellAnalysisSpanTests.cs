using Sept.Notebooks.Analysis;

namespace Sept.Notebooks.Tests.Analysis;

public sealed class CSharpCellAnalysisSpanTests
{
    static string At(string source, Microsoft.CodeAnalysis.Text.TextSpan span) => source.Substring(span.Start, span.Length);

    [Fact]
    public void Declarations_carry_the_span_of_their_identifier_and_their_kind()
    {
        const string source = "using Num = System.Int32;\nvar total = 1;\nint Twice(int n) => n * 2;\nrecord Person(string Name);\nvar ok = o is int parsed;";

        var analysis = CSharpCellAnalyzer.Analyze(source);

        Assert.All(analysis.Declarations, d => Assert.Equal(d.Name, At(source, d.Span)));
        Assert.Equal(
            [("Num", DeclarationKind.Alias), ("total", DeclarationKind.Variable), ("Twice", DeclarationKind.Method),
             ("Person", DeclarationKind.Type), ("ok", DeclarationKind.Variable), ("parsed", DeclarationKind.Variable)],
            analysis.Declarations.Select(d => (d.Name, d.Kind)).OrderBy(d => source.IndexOf(d.Name, StringComparison.Ordinal)));
        Assert.Equal(["Num", "Person"], analysis.TypeWrites.Order());
        Assert.Equal(["Num", "Person"], analysis.Symbols.TypeWrites.Order());
        Assert.Equal(["Twice", "ok", "parsed", "total"], analysis.ValueWrites.Order());
    }

    [Fact]
    public void Own_references_are_uses_of_the_cells_values_but_not_of_shadowing_parameters_or_members()
    {
        const string source = "var x = 1;\nint F(int x) => x;\nvar y = x + F(x);\nvar a = new { x, Len = x.ToString().Length };";

        var analysis = CSharpCellAnalyzer.Analyze(source);

        // The x in F's body is F's parameter; uses of x and F at top level are the cell's own.
        var uses = analysis.OwnReferences.Select(r => (r.Name, r.Span.Start)).ToList();
        Assert.Equal(4, uses.Count(u => u.Name == "x"));
        Assert.Single(uses, u => u.Name == "F");
        Assert.DoesNotContain(uses, u => u.Start == source.IndexOf("=> x", StringComparison.Ordinal) + 3);
        Assert.All(analysis.OwnReferences, r => Assert.Equal(r.Name, At(source, r.Span)));
    }

    [Fact]
    public void Free_references_cover_every_use_and_only_the_identifier_of_a_generic_name()
    {
        const string source = "var b = new Box<int>(n);\nvar c = n * 2;\nConsole.WriteLine($\"{n}\");";

        var analysis = CSharpCellAnalyzer.Analyze(source);

        Assert.Equal(["Box", "n", "n", "n"], analysis.FreeReferences.Select(r => r.Name).Order());
        Assert.All(analysis.FreeReferences, r => Assert.Equal(r.Name, At(source, r.Span)));
    }

    [Fact]
    public void Local_functions_and_their_calls_are_not_own_references()
    {
        var analysis = CSharpCellAnalyzer.Analyze("int Outer() { int Inner(int x) => x; return Inner(1); }\nOuter()");

        Assert.Equal(["Outer"], analysis.OwnReferences.Select(r => r.Name));
        Assert.Equal(["Outer"], analysis.Declarations.Select(d => d.Name));
    }

    [Fact]
    public void Library_types_are_ambient_reads_but_keywords_type_parameters_and_own_types_are_not()
    {
        const string source = "var r = new Range(1, 2);\nT Id<T>(T v) => v;\nrecord Task(int N);\nvar t = new Task(1);\nvar m = Math.Max(1, 2);\nList<int> l = [];";

        var symbols = CSharpCellAnalyzer.Analyze(source).Symbols;

        Assert.Equal(["List", "Math", "Range"], symbols.AmbientReads.Order());
        Assert.Empty(symbols.Reads);
    }

    [Fact]
    public void Kernel_helpers_are_ambient_reads_that_a_notebook_definition_could_shadow()
    {
        var symbols = CSharpCellAnalyzer.Analyze("Display(Html(\"<b>hi</b>\"));\nvar chart = Chart.Bar(rows, \"x\", \"y\");").Symbols;

        Assert.Equal(["rows"], symbols.Reads);
        Assert.Equal(["Chart", "Display", "Html"], symbols.AmbientReads.Order());
    }
}
