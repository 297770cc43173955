using Microsoft.CodeAnalysis.Scripting;
using Sept.Notebooks.Rewriting;

namespace Sept.Notebooks.Tests.Rewriting;

public sealed class CSharpCellRewriterChainTests
{
    [Fact]
    public async Task A_read_follows_its_binding_not_the_cell_that_ran_last()
    {
        var chain = new ScriptChain();
        var a = chain.Add("var x = 1;");
        var b = chain.Add("var x = 100;");
        var c = chain.Add("x + 1");

        await chain.Run(a);
        await chain.Run(b);
        Assert.Equal(101, await chain.Run(c));

        chain.Edit(a, "var x = 5;");
        await chain.Run(a);
        Assert.Equal(101, await chain.Run(c));
    }

    [Fact]
    public async Task Without_renaming_the_chain_gives_the_last_run_value()
    {
        // The problem the rewriter solves: plain submissions see whichever x ran last.
        var state = await Microsoft.CodeAnalysis.CSharp.Scripting.CSharpScript.RunAsync("var x = 1;");
        state = await state.ContinueWithAsync("var x = 100;");
        state = await state.ContinueWithAsync("var x = 5;");
        Assert.Equal(6, (await state.ContinueWithAsync<int>("x + 1")).ReturnValue);
    }

    [Fact]
    public async Task A_list_of_anonymous_objects_is_usable_from_another_cell()
    {
        var chain = new ScriptChain();
        var a = chain.Add("var nums = Enumerable.Range(1, 3).Select(i => new { n = i, sq = i * i }).ToList();");
        var b = chain.Add("nums.Sum(p => p.sq)");

        await chain.Run(a);
        Assert.Equal(14, await chain.Run(b));
    }

    [Fact]
    public async Task Anonymous_projections_and_tuples_keep_the_users_member_names()
    {
        var chain = new ScriptChain();
        var a = chain.Add("var x = 3;\nvar y = 4;");
        var b = chain.Add("var anon = new { x, y };\nvar pair = (x, y);\n$\"{anon.x}{anon.y}{pair.x}{pair.y}\"");

        await chain.Run(a);
        Assert.Equal("3434", await chain.Run(b));
    }

    [Fact]
    public async Task A_method_declared_in_one_cell_is_called_from_another()
    {
        var chain = new ScriptChain();
        var a = chain.Add("int Square(int n) => n * n;");
        var b = chain.Add("var factor = 2;");
        var c = chain.Add("Square(7) * factor");

        await chain.Run(a);
        await chain.Run(b);
        Assert.Equal(98, await chain.Run(c));
    }

    [Fact]
    public async Task A_record_declared_in_one_cell_is_used_in_another_and_keeps_its_display_name()
    {
        var chain = new ScriptChain();
        var a = chain.Add("record Person(string Name, int Age);");
        var b = chain.Add("var people = new List<Person> { new Person(\"Ada\", 36) };");
        var c = chain.Add("people[0].ToString()");

        await chain.Run(a);
        await chain.Run(b);
        Assert.Equal("Person { Name = Ada, Age = 36 }", await chain.Run(c));
    }

    [Fact]
    public async Task Nameof_still_gives_the_users_name()
    {
        var chain = new ScriptChain();
        var a = chain.Add("var total = 1;");
        var b = chain.Add("var local = 2;\nnameof(total) + nameof(local)");

        await chain.Run(a);
        Assert.Equal("totallocal", await chain.Run(b));
    }

    [Fact]
    public async Task Member_names_named_arguments_and_initializers_are_never_renamed()
    {
        var chain = new ScriptChain();
        var a = chain.Add("class Box { public int x; }\nint Scale(int value, int x) => value * x;");
        var b = chain.Add("var x = 4;");
        var c = chain.Add("var box = new Box { x = x };\nScale(value: box.x, x: x) + $\"{x}\".Length");

        await chain.Run(a);
        await chain.Run(b);
        Assert.Equal(17, await chain.Run(c));
    }

    [Fact]
    public async Task A_mutation_changes_the_value_of_the_cell_that_declared_it()
    {
        var chain = new ScriptChain();
        var a = chain.Add("var list = new List<int>();\nvar count = 0;");
        var b = chain.Add("list.Add(1);\ncount += 10;\ncount++;");
        var c = chain.Add("list.Count + count");

        await chain.Run(a);
        await chain.Run(b);
        Assert.Equal(12, await chain.Run(c));
    }

    [Fact]
    public async Task A_read_with_no_writer_is_left_for_the_compiler_to_report_under_the_users_name()
    {
        var chain = new ScriptChain();
        var a = chain.Add("var known = 1;");
        var b = chain.Add("known + unknown");

        await chain.Run(a);
        var error = await Assert.ThrowsAsync<CompilationErrorException>(() => chain.Run(b));
        var message = NotebookNames.ToUserText(Assert.Single(error.Diagnostics).GetMessage());
        Assert.Equal("The name 'unknown' does not exist in the current context", message);
    }

    [Fact]
    public async Task Error_lines_in_rewritten_code_match_the_users_lines()
    {
        var chain = new ScriptChain();
        var a = chain.Add("var text = \"abc\";");
        var b = chain.Add("var n = text.Length;\n\nint bad = text;");

        await chain.Run(a);
        var error = await Assert.ThrowsAsync<CompilationErrorException>(() => chain.Run(b));
        var diagnostic = Assert.Single(error.Diagnostics);
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("'string' to 'int'", diagnostic.GetMessage());
    }

    [Fact]
    public async Task Pattern_out_and_deconstruction_variables_cross_cells()
    {
        var chain = new ScriptChain();
        var a = chain.Add("var (lo, hi) = (1, 9);\nint.TryParse(\"5\", out var mid);\nvar ok = (object)7 is int seven;");
        var b = chain.Add("lo + hi + mid + seven");

        await chain.Run(a);
        Assert.Equal(22, await chain.Run(b));
    }

    [Fact]
    public async Task Types_from_another_cell_work_in_expression_position_because_they_are_not_renamed()
    {
        var chain = new ScriptChain();
        var a = chain.Add("enum Color { Red, Green }\nstatic class Util { public static int Twice(int v) => v * 2; }");
        var b = chain.Add("var c = Color.Green;");
        var d = chain.Add("$\"{c} {Util.Twice((int)c)}\"");

        await chain.Run(a);
        await chain.Run(b);
        Assert.Equal("Green 2", await chain.Run(d));
    }

    [Fact]
    public async Task Generic_methods_properties_and_method_groups_cross_cells()
    {
        var chain = new ScriptChain();
        var a = chain.Add("T Pick<T>(T first, T second) => second;\nint Answer => 42;");
        var b = chain.Add("Func<int, int, int> pick = Pick;\nPick<int>(1, 2) + pick(3, 4) + Answer");

        await chain.Run(a);
        Assert.Equal(48, await chain.Run(b));
    }

    [Fact]
    public async Task A_notebook_type_that_shadows_a_library_type_is_bound_like_the_kernel_binds_it()
    {
        var chain = new ScriptChain();
        var a = chain.Add("record Range(int Lo, int Hi) { public int Width => Hi - Lo; }");
        var b = chain.Add("var Random = 7;");
        var c = chain.Add("new Range(2, 10).Width + Random");

        await chain.Run(a);
        await chain.Run(b);
        Assert.Equal(15, await chain.Run(c));
    }
}
