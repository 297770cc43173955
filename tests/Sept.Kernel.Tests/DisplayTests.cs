using System.Text.Json;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Tests;

[Collection("kernel")]
public sealed class DisplayTests(KernelFixture kernel)
{
    [Fact]
    public async Task A_collection_of_records_is_shown_as_a_table_with_its_first_page()
    {
        var cell = Cells.NewId();
        var result = (await kernel.Session.CodeAsync(cell,
            "record Sale(string Region, int Units);\nEnumerable.Range(0, 250).Select(i => new Sale($\"r{i}\", i)).ToList()")).Ok();
        var data = Assert.Single(result.Displays).Data;
        var table = data[MimeTypes.Table];
        Assert.Equal(["Region", "Units"], table.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray());
        Assert.Equal("int", table.GetProperty("columns")[1].GetProperty("type").GetString());
        Assert.Equal(100, table.GetProperty("rows").GetArrayLength());
        Assert.Equal(250, table.GetProperty("totalRows").GetInt32());
        Assert.Equal(cell, table.GetProperty("cellId").GetString());
        Assert.Contains("<td>r0</td>", data[MimeTypes.Html].GetString());
    }

    [Fact]
    public async Task Further_table_pages_come_from_the_kernel()
    {
        var cell = Cells.NewId();
        (await kernel.Session.CodeAsync(cell, "Enumerable.Range(0, 250).Select(i => new { Id = i, Name = \"n\" + i })")).Ok();
        var page = await kernel.Session.TableAsync(cell, 200, 30);
        Assert.NotNull(page);
        Assert.Equal(250, page.TotalRows);
        Assert.Equal(30, page.Rows.Count);
        Assert.Equal(200, page.Rows[0][0].GetInt32());
        Assert.Equal("n229", page.Rows[29][1].GetString());
        Assert.Null(await kernel.Session.TableAsync(Cells.NewId(), 0, 10));
    }

    [Fact]
    public async Task Chart_helper_builds_vega_lite()
    {
        var result = (await kernel.Session.CodeAsync(
            "var data = new[] { new { name = \"a\", value = 3 }, new { name = \"b\", value = 5 } };\nChart.Bar(data, x: \"name\", y: \"value\")")).Ok();
        var spec = Assert.Single(result.Displays).Data[MimeTypes.VegaLite];
        Assert.Equal("bar", spec.GetProperty("mark").GetString());
        Assert.Equal("nominal", spec.GetProperty("encoding").GetProperty("x").GetProperty("type").GetString());
        Assert.Equal("quantitative", spec.GetProperty("encoding").GetProperty("y").GetProperty("type").GetString());
        Assert.Equal(5, spec.GetProperty("data").GetProperty("values")[1].GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task Chart_with_an_unknown_field_is_a_readable_error()
    {
        var result = await kernel.Session.CodeAsync("Chart.Line(new[] { new { a = 1 } }, x: \"a\", y: \"nope\")");
        var error = Assert.Single(result.Errors);
        Assert.Equal("ArgumentException", error.Ename);
        Assert.Contains("nope", error.Message);
    }

    [Fact]
    public async Task Markdown_and_html_helpers_render()
    {
        var result = (await kernel.Session.CodeAsync("display(Markdown(\"# Title\"));\nHtml(\"<b>bold</b>\")")).Ok();
        Assert.Contains("<h1", result.Displays[0].Data[MimeTypes.Html].GetString());
        Assert.Equal("# Title", result.Displays[0].Data[MimeTypes.Markdown].GetString());
        Assert.Equal("<b>bold</b>", result.Displays[1].Data[MimeTypes.Html].GetString());
    }

    [Fact]
    public async Task Png_bytes_are_shown_as_an_image()
    {
        var result = (await kernel.Session.CodeAsync("new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2 }")).Ok();
        var png = Assert.Single(result.Displays).Data[MimeTypes.Png].GetString();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2 }, Convert.FromBase64String(png!));
    }

    [Fact]
    public async Task Strings_and_numbers_are_plain_text_in_invariant_culture()
    {
        Assert.Equal("hello", (await kernel.Session.CodeAsync("\"hello\"")).Ok().Text);
        Assert.Equal("1.5", (await kernel.Session.CodeAsync("1.5")).Ok().Text);
    }

    [Fact]
    public async Task A_display_over_the_cap_is_dropped_with_a_marker()
    {
        var result = (await kernel.Session.CodeAsync("Html(new string('y', 9 * 1024 * 1024))")).Ok();
        Assert.Empty(result.Displays);
        Assert.Single(result.Events.OfType<OutputTruncatedEvent>());
    }

    internal static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
