using Sept.Kernel.Protocol;

namespace Sept.Kernel.Tests;

[Collection("kernel")]
public sealed class CodeCellTests(KernelFixture kernel)
{
    [Fact]
    public async Task The_value_of_a_trailing_expression_is_displayed()
    {
        var result = (await kernel.Session.CodeAsync("var a = 20;\na * 2 + 2")).Ok();
        Assert.Equal("42", result.Text);
    }

    [Fact]
    public async Task A_statement_ending_with_a_semicolon_displays_nothing()
    {
        var result = (await kernel.Session.CodeAsync("var a = 20;\nMath.Max(a, 3);")).Ok();
        Assert.Empty(result.Displays);
    }

    [Fact]
    public async Task Common_namespaces_are_imported()
    {
        var result = (await kernel.Session.CodeAsync(
            "var doubled = new List<int> { 1, 2, 3 }.Select(i => i * 2).ToArray();\nJsonSerializer.Serialize(doubled)")).Ok();
        Assert.Equal("[2,4,6]", result.Text);
    }

    [Fact]
    public async Task Top_level_await_works()
    {
        var result = (await kernel.Session.CodeAsync("await Task.Delay(1);\nawait Task.FromResult(7)")).Ok();
        Assert.Equal("7", result.Text);
    }

    [Fact]
    public async Task Console_output_is_captured_per_stream()
    {
        var result = (await kernel.Session.CodeAsync("Console.WriteLine(\"out line\");\nConsole.Error.WriteLine(\"err line\");")).Ok();
        Assert.Equal("out line\n", result.Stdout);
        Assert.Equal("err line\n", result.Stderr);
    }

    [Fact]
    public async Task A_compile_error_is_located_inside_the_cell()
    {
        var result = await kernel.Session.CodeAsync("var a = 1;\nvar b = a +\n    missingName;");
        Assert.Equal(RunStatus.Error, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal("CompilationError", error.Ename);
        Assert.Contains("missingName", error.Message);
        Assert.Equal(3, error.Line);
        Assert.Equal(5, error.Column);
    }

    [Fact]
    public async Task A_runtime_exception_reports_type_message_cell_line_and_a_trimmed_stack()
    {
        var result = await kernel.Session.CodeAsync("var items = new int[2];\n\nvar bad = items[5];");
        Assert.Equal(RunStatus.Error, result.Status);
        var error = Assert.Single(result.Errors);
        Assert.Equal("IndexOutOfRangeException", error.Ename);
        Assert.Equal(3, error.Line);
        Assert.NotNull(error.Stack);
        Assert.DoesNotContain("Microsoft.CodeAnalysis", error.Stack);
        Assert.DoesNotContain("Submission#", error.Stack);
        Assert.Contains("<cell> in cell line 3", error.Stack);
    }

    [Fact]
    public async Task An_exception_in_a_cell_function_points_at_the_throw_and_names_the_function()
    {
        var result = await kernel.Session.CodeAsync("int Half(int n) =>\n    n % 2 == 0 ? n / 2 : throw new ArgumentException(\"odd\");\nHalf(3)");
        var error = Assert.Single(result.Errors);
        Assert.Equal("ArgumentException", error.Ename);
        Assert.Equal("odd", error.Message);
        Assert.Equal(2, error.Line);
        Assert.Contains("Half", error.Stack);
    }

    [Fact]
    public async Task Display_helper_shows_values_in_order_before_the_trailing_value()
    {
        var result = (await kernel.Session.CodeAsync("display(\"first\");\nDisplay(2);\n3")).Ok();
        Assert.Equal(["first", "2", "3"], result.Displays.Select(d => d.Data[MimeTypes.Text].GetString()!).ToArray());
    }

    [Fact]
    public async Task Events_come_in_protocol_order()
    {
        var result = (await kernel.Session.CodeAsync("Console.WriteLine(1);\n2")).Ok();
        Assert.IsType<StartedEvent>(result.Events[0]);
        Assert.IsType<FinishedEvent>(result.Events[^1]);
        Assert.True(result.Events.ToList().FindIndex(e => e is StreamEvent) < result.Events.ToList().FindIndex(e => e is DisplayEvent));
    }

    [Fact]
    public async Task A_lazy_query_that_throws_while_displayed_is_a_cell_error()
    {
        var result = await kernel.Session.CodeAsync("var zero = 0;\nEnumerable.Range(0, 3).Select(i => 6 / (i - zero))");
        var error = Assert.Single(result.Errors);
        Assert.Equal("DivideByZeroException", error.Ename);
        Assert.Equal(2, error.Line);
    }
}
