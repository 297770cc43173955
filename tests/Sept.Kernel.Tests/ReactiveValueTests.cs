using Sept.Kernel.Protocol;

namespace Sept.Kernel.Tests;

/// <summary>Each cell's declarations are renamed per cell, so a read sees the cell it binds to, not the last run.</summary>
[Collection("kernel")]
public sealed class ReactiveValueTests(KernelFixture kernel)
{
    private KernelSession Session => kernel.Session;

    [Fact]
    public async Task A_read_sees_the_cell_it_binds_to_even_after_an_earlier_cell_reruns()
    {
        string a = Cells.NewId(), b = Cells.NewId(), c = Cells.NewId();
        (await Session.CodeAsync(a, "var x = 1;")).Ok();
        (await Session.CodeAsync(b, "var x = 100;")).Ok();
        var first = (await Session.CodeAsync(c, "x + 1", Bind("x", b))).Ok();
        Assert.Equal("101", first.Text);

        (await Session.CodeAsync(a, "var x = 5;")).Ok();
        var again = (await Session.CodeAsync(c, "x + 1", Bind("x", b))).Ok();
        Assert.Equal("101", again.Text);

        var fromA = (await Session.CodeAsync(Cells.NewId(), "x * 10", Bind("x", a))).Ok();
        Assert.Equal("50", fromA.Text);
    }

    [Fact]
    public async Task Rerunning_a_cell_replaces_its_definitions()
    {
        string a = Cells.NewId(), reader = Cells.NewId();
        (await Session.CodeAsync(a, "var total = 1;")).Ok();
        (await Session.CodeAsync(a, "var total = 2;")).Ok();
        Assert.Equal("2", (await Session.CodeAsync(reader, "total", Bind("total", a))).Ok().Text);
    }

    [Fact]
    public async Task Anonymous_types_flow_across_cells()
    {
        string a = Cells.NewId();
        (await Session.CodeAsync(a, "var nums = Enumerable.Range(1, 3).Select(i => new { n = i, sq = i * i }).ToList();")).Ok();
        var result = (await Session.CodeAsync(Cells.NewId(), "nums.Sum(r => r.sq)", Bind("nums", a))).Ok();
        Assert.Equal("14", result.Text);
    }

    [Fact]
    public async Task Records_declared_in_one_cell_are_usable_in_another()
    {
        string a = Cells.NewId(), b = Cells.NewId();
        (await Session.CodeAsync(a, "record Point(int X, int Y);")).Ok();
        (await Session.CodeAsync(b, "var p = new Point(3, 4);", Bind("Point", a))).Ok();
        var result = (await Session.CodeAsync(Cells.NewId(), "p.X * p.Y", Bind("p", b))).Ok();
        Assert.Equal("12", result.Text);
        var shown = (await Session.CodeAsync(Cells.NewId(), "p", Bind("p", b))).Ok();
        Assert.Equal("Point { X = 3, Y = 4 }", shown.Text);
    }

    [Fact]
    public async Task Error_messages_use_the_names_the_user_wrote()
    {
        string a = Cells.NewId();
        (await Session.CodeAsync(a, "var label = \"text\";")).Ok();
        var result = await Session.CodeAsync(Cells.NewId(), "int n = label;", Bind("label", a));
        var error = Assert.Single(result.Errors);
        Assert.Equal("CompilationError", error.Ename);
        Assert.DoesNotContain("__", error.Message);
        Assert.Equal(1, error.Line);
        Assert.Equal(9, error.Column);
    }

    [Fact]
    public async Task A_forgotten_cell_can_no_longer_be_read()
    {
        string a = Cells.NewId();
        (await Session.CodeAsync(a, "var gone = 42;")).Ok();
        await Session.ForgetAsync([a]);
        var result = await Session.CodeAsync(Cells.NewId(), "gone + 1", Bind("gone", a));
        Assert.Equal(RunStatus.Error, result.Status);
        Assert.Contains("gone", Assert.Single(result.Errors).Message);
    }

    internal static Dictionary<string, string> Bind(string name, string cellId) => new() { [name] = cellId };
}
