using System.Net;
using System.Text.RegularExpressions;
using Sept.Functions.Projects;
using Sept.Functions.Realtime;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Publishing;

/// <summary>HTML and PDF export of a notebook that ran on a real kernel: outputs, tables' first pages, charts,
/// code shown or hidden, the app view, sanitising, and printing with headless Chromium.</summary>
public sealed class HtmlExportTests : IClassFixture<HtmlExportTests.RanNotebook>
{
    private readonly RanNotebook _notebook;

    public HtmlExportTests(RanNotebook notebook) => _notebook = notebook;

    [Fact]
    public async Task The_html_file_holds_code_outputs_the_tables_first_page_and_charts_and_loads_nothing()
    {
        var (response, html) = await _notebook.GetAsync("export/html");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Export me.html", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", html);
        Assert.Contains("Console.WriteLine(&quot;hello from C#&quot;);", html);
        Assert.Contains("hello from C#\n</pre>", html);
        Assert.Contains("<h1>Sales report</h1>", html);
        Assert.Contains("First 100 of 250 rows", html);
        Assert.Contains("<td class=\"num\">99</td>", html);
        Assert.DoesNotContain("<td class=\"num\">100</td>", html);
        Assert.Contains("<figure class=\"chart\">", html);
        Assert.Contains("\"$schema\"", html);
        Assert.Contains("<span class=\"input-name\">n</span> = <span class=\"input-value\">3</span>", html);
        Assert.Contains("Charts are not drawn in this export", html); // this test app has no web build
    }

    [Fact]
    public async Task Cell_html_is_sanitised_like_the_live_ui()
    {
        // Code hidden: the source of the cell that made the HTML would show its text (escaped) otherwise.
        var (_, html) = await _notebook.GetAsync("export/html?code=hide");
        Assert.Contains("<b>kept</b>", html);
        Assert.DoesNotContain("onerror", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("alert(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Regex.Matches(html, "<script(?! type=\"application/json\">)"));
    }

    [Fact]
    public async Task Code_can_be_hidden_and_the_app_view_shows_only_visual_outputs()
    {
        var (_, hidden) = await _notebook.GetAsync("export/html?code=hide");
        Assert.DoesNotContain("Console.WriteLine", hidden);
        Assert.DoesNotContain("FROM range", hidden);
        Assert.Contains("hello from C#", hidden);
        Assert.Contains("First 100 of 250 rows", hidden);

        var (response, app) = await _notebook.GetAsync("export/html?view=app");
        Assert.Contains("Export me (app).html", response.Content.Headers.ContentDisposition!.ToString());
        Assert.DoesNotContain("Console.WriteLine", app);
        Assert.DoesNotContain("hello from C#", app);
        Assert.Contains("First 100 of 250 rows", app);
        Assert.Contains("<figure class=\"chart\">", app);
        Assert.Contains("App view", app);
    }

    [Fact]
    public async Task A_bad_query_is_a_400_problem()
    {
        var response = await _notebook.Api.Http.GetAsync($"/api/projects/{_notebook.Project.Id}/export/html?code=maybe");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_pdf_is_printed_by_headless_chromium()
    {
        var response = await _notebook.Api.Http.GetAsync($"/api/projects/{_notebook.Project.Id}/export/pdf?code=hide");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(bytes, 0, 5));
        Assert.True(bytes.Length > 5_000, $"a PDF of {bytes.Length} bytes is too small to hold the notebook");
    }

    /// <summary>One notebook, run once on a real kernel, shared by the tests (they only read it).</summary>
    public sealed class RanNotebook : IAsyncLifetime
    {
        private readonly SeptApplication _app = new();

        public ApiClient Api { get; private set; } = null!;

        public ProjectDto Project { get; private set; } = null!;

        public async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path)
        {
            var response = await Api.Http.GetAsync($"/api/projects/{Project.Id}/{path}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {body}");
            return (response, body);
        }

        public async Task InitializeAsync()
        {
            Api = new ApiClient(_app.CreateClient());
            var project = await Api.CreateProjectAsync("Export me");
            string? after = null;
            foreach (var (kind, source, config) in new (string, string, object?)[]
            {
                ("markdown", "# Sales report\n\nA <script>alert('md')</script> [link](javascript:alert('x')) and <b>kept</b>.", null),
                ("code", "Console.WriteLine(\"hello from C#\");", null),
                ("code", "Html(\"<b>kept</b><img src=\\\"x\\\" onerror=\\\"alert(1)\\\"><script>alert(2)</script>\")", null),
                ("input", "", new { name = "n", type = "slider", value = 3, min = 1, max = 10, integer = true }),
                ("sql", "SELECT i, i * {n} AS scaled FROM range(0, 250) t(i)", new { resultName = "rows" }),
                ("chart", "", new { data = "rows", mark = "bar", x = "i", y = "scaled" }),
            })
                after = (await Api.AddCellAsync(project.Id, kind, source, after, config)).Id;
            var run = await Api.RunAsync(project.Id, "all");
            await _app.Realtime.WaitForAsync<RunFinished>(ProjectId.Parse(project.Id), f => f.RunId == run.RunId, TimeSpan.FromSeconds(180));
            Project = await Api.GetProjectAsync(project.Id);
            Assert.All(Project.Cells!, c => Assert.True(c.State == "success", $"{c.Kind}: {c.State}"));
        }

        public Task DisposeAsync()
        {
            _app.Dispose();
            return Task.CompletedTask;
        }
    }
}
