using Sept.Kernel.Protocol;
using static Sept.Kernel.Tests.ReactiveValueTests;

namespace Sept.Kernel.Tests;

/// <summary>Input, chart and markdown cells.</summary>
[Collection("kernel")]
public sealed class OtherKindTests(KernelFixture kernel)
{
    private KernelSession Session => kernel.Session;

    private async Task<string> InputAsync(string config)
    {
        var cell = Cells.NewId();
        (await Session.RunAsync(Cells.Request("input", cell, "", config: config))).Ok();
        return cell;
    }

    [Theory]
    [InlineData("""{"name":"v","type":"number","value":2.5}""", "v.GetType().Name + \":\" + v", "Double:2.5")]
    [InlineData("""{"name":"v","type":"slider","value":7,"integer":true}""", "v.GetType().Name + \":\" + v", "Int64:7")]
    [InlineData("""{"name":"v","type":"text","value":"hi"}""", "v.GetType().Name + \":\" + v", "String:hi")]
    [InlineData("""{"name":"v","type":"dropdown","value":"b"}""", "v.GetType().Name + \":\" + v", "String:b")]
    [InlineData("""{"name":"v","type":"checkbox","value":true}""", "v.GetType().Name + \":\" + v", "Boolean:True")]
    [InlineData("""{"name":"v","type":"date","value":"2026-11-23"}""", "v.GetType().Name + \":\" + v.Day", "DateOnly:23")]
    public async Task An_input_defines_a_typed_variable(string config, string read, string expected)
    {
        var input = await InputAsync(config);
        Assert.Equal(expected, (await Session.CodeAsync(Cells.NewId(), read, Bind("v", input))).Ok().Text);
    }

    [Fact]
    public async Task A_bad_input_value_is_a_readable_error()
    {
        var result = await Session.RunAsync(Cells.Request("input", Cells.NewId(), "", config: """{"name":"v","type":"number","value":"abc"}"""));
        Assert.Equal("ConfigError", Assert.Single(result.Errors).Ename);
    }

    [Fact]
    public async Task A_chart_cell_plots_a_notebook_collection()
    {
        var data = Cells.NewId();
        (await Session.CodeAsync(data, "var sales = new[] { new { day = new DateTime(2026, 1, 1), total = 3 }, new { day = new DateTime(2026, 1, 2), total = 4 } };")).Ok();
        var result = (await Session.RunAsync(Cells.Request("chart", Cells.NewId(), "", Bind("sales", data),
            """{"data":"sales","mark":"line","x":"day","y":"total","aggregate":"sum"}"""))).Ok();
        var spec = Assert.Single(result.Displays).Data[MimeTypes.VegaLite];
        Assert.Equal("line", spec.GetProperty("mark").GetString());
        Assert.Equal("temporal", spec.GetProperty("encoding").GetProperty("x").GetProperty("type").GetString());
        Assert.Equal("sum", spec.GetProperty("encoding").GetProperty("y").GetProperty("aggregate").GetString());
    }

    [Fact]
    public async Task A_markdown_cell_interpolates_notebook_values()
    {
        var input = await InputAsync("""{"name":"city","type":"text","value":"Lyon"}""");
        var result = (await Session.RunAsync(Cells.Request("markdown", Cells.NewId(), "# Report for {city}\n\n{unbound} stays", Bind("city", input)))).Ok();
        var html = Assert.Single(result.Displays).Data[MimeTypes.Html].GetString();
        Assert.Contains("Report for Lyon</h1>", html);
        Assert.Contains("{unbound} stays", html);
    }

    // Issue 13, held-back scenario (b): a Markdown cell's HTML carried a raw <script> to exports and other clients.
    [Fact]
    public async Task A_markdown_cells_html_has_no_script_handlers_or_javascript_links_but_keeps_safe_html()
    {
        const string source = "# Notes\n\n<script>alert(1)</script>\n\n<img src=\"x.png\" onerror=\"alert(2)\">\n\n"
            + "[click](javascript:alert(3))\n\n<details><summary>More</summary>kept</details>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
        var result = (await Session.RunAsync(Cells.Request("markdown", Cells.NewId(), source))).Ok();
        var html = Assert.Single(result.Displays).Data[MimeTypes.Html].GetString()!;
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<img src=\"x.png\">", html);
        Assert.Contains("<details><summary>More</summary>kept</details>", html);
        Assert.Contains("<table>", html);
        Assert.Contains("Notes</h1>", html);
    }
}
