using Sept.Notebooks.Cells;
using Sept.Notebooks.Rewriting;

namespace Sept.Notebooks.Tests.Rewriting;

public sealed class CSharpCellRewriterTests
{
    static readonly CellId self = CellId.Parse("11111111111111111111111111111111");
    static readonly CellId other = CellId.Parse("22222222222222222222222222222222");

    static string Self(string name) => NotebookNames.Unique(name, self);
    static string Other(string name) => NotebookNames.Unique(name, other);

    [Fact]
    public void Declarations_and_their_uses_get_the_cells_unique_name()
    {
        var rewritten = CSharpCellRewriter.Rewrite("var x = 1;\nint F(int n) => n + x;\nF(x)", self, new Dictionary<string, CellId>());

        Assert.Equal($"var {Self("x")} = 1;\nint {Self("F")}(int n) => n + {Self("x")};\n{Self("F")}({Self("x")})", rewritten.Code);
        Assert.Equal("x", rewritten.UserNames[Self("x")]);
        Assert.Equal("F", rewritten.UserNames[Self("F")]);
    }

    [Fact]
    public void Bound_reads_get_the_writers_unique_name_and_unbound_reads_stay()
    {
        var rewritten = CSharpCellRewriter.Rewrite("var y = x + z;", self, new Dictionary<string, CellId> { ["x"] = other });

        Assert.Equal($"var {Self("y")} = {Other("x")} + z;", rewritten.Code);
        Assert.Equal(2, rewritten.UserNames.Count);
    }

    [Fact]
    public void Parameters_that_shadow_notebook_names_and_member_names_are_untouched()
    {
        const string source = "Func<int, int> f = x => x + 1;\nvar n = text.Length;\nvar o = new { Length = 1 }.Length;";

        var rewritten = CSharpCellRewriter.Rewrite(source, self, new Dictionary<string, CellId> { ["x"] = other, ["text"] = other, ["Length"] = other });

        Assert.Equal($"Func<int, int> {Self("f")} = x => x + 1;\nvar {Self("n")} = {Other("text")}.Length;\nvar {Self("o")} = new {{ Length = 1 }}.Length;", rewritten.Code);
    }

    [Fact]
    public void Types_keep_their_names_even_when_a_binding_is_given_for_a_type_position()
    {
        const string source = "record Point(int X);\nvar p = new Person(\"a\");\nList<Person> all = [p];\nvar ok = p is Person;";

        var rewritten = CSharpCellRewriter.Rewrite(source, self, new Dictionary<string, CellId> { ["Person"] = other });

        Assert.Equal($"record Point(int X);\nvar {Self("p")} = new Person(\"a\");\nList<Person> {Self("all")} = [{Self("p")}];\nvar {Self("ok")} = {Self("p")} is Person;", rewritten.Code);
    }

    [Fact]
    public void Using_aliases_are_not_renamed()
    {
        var rewritten = CSharpCellRewriter.Rewrite("using Num = System.Int32;\nNum n = 1;", self, new Dictionary<string, CellId>());

        Assert.Equal($"using Num = System.Int32;\nNum {Self("n")} = 1;", rewritten.Code);
    }

    [Fact]
    public void Nameof_a_renamed_name_becomes_the_users_name_as_a_literal()
    {
        var rewritten = CSharpCellRewriter.Rewrite("var a = 1;\nvar s = nameof(a) + nameof(b) + nameof(c.Length);", self,
            new Dictionary<string, CellId> { ["b"] = other, ["c"] = other });

        Assert.Equal($"var {Self("a")} = 1;\nvar {Self("s")} = \"a\" + \"b\" + nameof({Other("c")}.Length);", rewritten.Code);
    }

    [Fact]
    public void Interpolations_are_renamed_inside_the_holes_only()
    {
        var rewritten = CSharpCellRewriter.Rewrite("$\"x = {x,4:F1} and x\"", self, new Dictionary<string, CellId> { ["x"] = other });

        Assert.Equal($"$\"x = {{{Other("x")},4:F1}} and x\"", rewritten.Code);
    }

    [Fact]
    public void Every_line_keeps_its_place_in_a_long_cell()
    {
        const string source = "var a = 1;\n// a comment about a\nvar b = a +\n    c;\n\n/* c */ var d = new { a, c };\nd";

        var rewritten = CSharpCellRewriter.Rewrite(source, self, new Dictionary<string, CellId> { ["c"] = other });

        var sourceLines = source.Split('\n');
        var codeLines = rewritten.Code.Split('\n');
        Assert.Equal(sourceLines.Length, codeLines.Length);
        Assert.Equal("// a comment about a", codeLines[1]);
        Assert.Equal($"/* c */ var {Self("d")} = new {{ a = {Self("a")}, c = {Other("c")} }};", codeLines[5]);
    }

    [Fact]
    public void Mutations_of_another_cells_value_target_that_cells_name()
    {
        var rewritten = CSharpCellRewriter.Rewrite("x = x + 1;\nitems.Add(x);\n(lo, hi) = (hi, lo);", self,
            new Dictionary<string, CellId> { ["x"] = other, ["items"] = other, ["lo"] = other, ["hi"] = other });

        Assert.Equal($"{Other("x")} = {Other("x")} + 1;\n{Other("items")}.Add({Other("x")});\n({Other("lo")}, {Other("hi")}) = (hi: {Other("hi")}, lo: {Other("lo")});",
            rewritten.Code);
    }

    [Fact]
    public void A_cell_with_syntax_errors_is_still_rewritten_best_effort()
    {
        var rewritten = CSharpCellRewriter.Rewrite("var y = x +;", self, new Dictionary<string, CellId> { ["x"] = other });

        Assert.Equal($"var {Self("y")} = {Other("x")} +;", rewritten.Code);
    }

    [Fact]
    public void A_type_binding_in_expression_position_is_kept_when_isType_says_so()
    {
        var bindings = new Dictionary<string, CellId> { ["Color"] = other, ["paint"] = other };

        var withoutHint = CSharpCellRewriter.Rewrite("var c = Color.Red;\npaint(c)", self, bindings);
        var withHint = CSharpCellRewriter.Rewrite("var c = Color.Red;\npaint(c)", self, bindings, (name, cell) => name == "Color" && cell == other);

        Assert.Equal($"var {Self("c")} = {Other("Color")}.Red;\n{Other("paint")}({Self("c")})", withoutHint.Code);
        Assert.Equal($"var {Self("c")} = Color.Red;\n{Other("paint")}({Self("c")})", withHint.Code);
    }

    [Fact]
    public void The_rewritten_cell_lists_the_types_it_declares()
    {
        var rewritten = CSharpCellRewriter.Rewrite("using Num = System.Int32;\nenum Color { Red }\nrecord P(int X);\nvar v = 1;", self, new Dictionary<string, CellId>());

        Assert.Equal(["Color", "Num", "P"], rewritten.TypeNames.Order());
    }
}
