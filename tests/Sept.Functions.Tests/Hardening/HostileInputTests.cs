using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Sept.Functions.Projects;
using Sept.Functions.Storage;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Xunit.Abstractions;

namespace Sept.Functions.Tests.Hardening;

/// <summary>Issue 13 rows 3, 10, 12, 16: inputs that crashed the app, answered 500 or grew without bound.</summary>
public sealed class HostileInputTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string Nested = new string('-', 20000) + "x";

    private readonly LimitedApplication _app = new();
    private ApiClient Api => new(_app.CreateClient());

    [Fact]
    public async Task A_deeply_nested_cell_is_stored_with_a_problem_and_the_app_stays_up()
    {
        var project = await Api.CreateProjectAsync("nested");
        var response = await Api.Http.PostAsJsonAsync($"/api/projects/{project.Id}/cells", new { kind = "code", source = Nested }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var cell = (await Api.GetProjectAsync(project.Id)).Cells!.Single();
        Assert.Contains(cell.Problems, p => p.Code == CSharpCellAnalyzer.TooComplexId && p.IsError);
        foreach (var format in new[] { "ipynb", "cs" })
            Assert.Equal(HttpStatusCode.OK, (await Api.Http.GetAsync($"/api/projects/{project.Id}/export?format={format}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.PatchCellAsync(project.Id, cell.Id, cell.Version, new { source = Nested + "+1" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Http.GetAsync("/api/health")).StatusCode);
    }

    [Fact]
    public async Task A_project_stored_with_a_nested_cell_before_the_fix_loads()
    {
        var project = await Api.CreateProjectAsync("poisoned");
        var store = _app.Services.GetRequiredService<IProjectStore>();
        var id = ProjectId.Parse(project.Id);
        var poisoned = string.Concat(Enumerable.Repeat("List<", 5000)) + "int" + new string('>', 5000) + " x;";
        await store.AddCellAsync(new CellRecord(id, CellId.New(), CellKind.Code, poisoned, null, OrderKey.First, 1, 1, CellRun.Idle, DateTimeOffset.UtcNow), default);
        var loaded = await Api.GetProjectAsync(project.Id);
        Assert.Contains(loaded.Cells!.Single().Problems, p => p.Code == CSharpCellAnalyzer.TooComplexId);
    }

    [Fact]
    public async Task A_nested_cell_in_an_ipynb_imports_with_a_problem()
    {
        var notebook = Ipynb($$"""{ "cell_type": "code", "metadata": {}, "outputs": [], "source": "{{Nested}}" }""");
        var response = await ImportAsync(notebook);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var project = (await response.Content.ReadFromJsonAsync<ProjectDto>(ApiClient.Json))!;
        Assert.Contains(project.Cells!.Single().Problems, p => p.Code == CSharpCellAnalyzer.TooComplexId);
    }

    public static TheoryData<string, string> Malformed() => new()
    {
        { "nbformat 4.5", """{ "nbformat": 4.5, "cells": [] }""" },
        { "nbformat 1e10", """{ "nbformat": 1e10, "cells": [] }""" },
        { "nbformat text", """{ "nbformat": "4", "cells": [] }""" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public async Task A_notebook_of_another_format_is_a_400(string why, string notebook)
    {
        var response = await ImportAsync(notebook);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Odd_but_readable_fields_import_instead_of_failing()
    {
        var notebook = """
            { "nbformat": 4.0, "metadata": { "sept": "not an object" }, "cells": [
              { "cell_type": "code", "execution_count": 1.5, "metadata": { "sept": 7 }, "outputs": [], "source": "var a = 1;" },
              { "cell_type": "code", "execution_count": 10000000000, "metadata": { "sept": { "kind": "7" } }, "outputs": [], "source": "var b = 2;" },
              { "cell_type": "code", "execution_count": -4, "metadata": { "sept": { "kind": "Sql, Code" } }, "outputs": [], "source": "var c = 3;" } ] }
            """;
        var response = await ImportAsync(notebook);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var cells = (await response.Content.ReadFromJsonAsync<ProjectDto>(ApiClient.Json))!.Cells!;
        // Unknown kinds ("7", a list of names) fall back to the notebook's language, never to a numeric enum value.
        Assert.All(cells, c => Assert.Equal("code", c.Kind));
        Assert.All(cells, c => Assert.Equal(0, c.ExecutionCount));
    }

    [Fact]
    public async Task A_cs_file_with_a_numeric_cell_kind_is_a_400()
    {
        var file = "// #region sept:cell kind=7 id=abc\nvar a = 1;\n// #endregion\n";
        var response = await Api.Http.PostAsync("/api/projects/import?format=cs", new StringContent(file, Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_notebook_with_more_cells_than_a_project_may_have_is_refused_quickly()
    {
        // The attack: 100,000 cells took 97 s and 317 MB. The limit here is the default, 2,000.
        using var app = new SeptApplication(_ => new ScriptedKernel());
        var api = new ApiClient(app.CreateClient());
        var cells = string.Join(",", Enumerable.Repeat("""{"cell_type":"markdown","metadata":{},"source":"x"}""", 100_000));
        var clock = Stopwatch.StartNew();
        var response = await api.Http.PostAsync("/api/projects/import?format=ipynb", new StringContent(Ipynb(cells), Encoding.UTF8, "text/plain"));
        output.WriteLine($"100,000-cell import refused in {clock.ElapsedMilliseconds} ms ({Environment.ProcessorCount} cores)");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("2000", (await response.Content.ReadAsStringAsync()));
        Assert.Empty((await api.Http.GetFromJsonAsync<ProjectDto[]>("/api/projects", ApiClient.Json))!);
    }

    [Fact]
    public async Task Adding_cells_stops_at_the_projects_limit_and_appended_keys_stay_short()
    {
        var project = await Api.CreateProjectAsync("full");
        for (var i = 0; i < LimitedApplication.MaxCells; i++) await Api.AddCellAsync(project.Id, "code", $"var v{i} = {i};");
        var refused = await Api.Http.PostAsJsonAsync($"/api/projects/{project.Id}/cells", new { kind = "code", source = "1" }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var cells = (await Api.GetProjectAsync(project.Id)).Cells!;
        Assert.All(cells, c => Assert.True(c.Order.Length <= 3, $"key {c.Order}"));
        Assert.Equal(cells.OrderBy(c => c.Order, StringComparer.Ordinal).Select(c => c.Id), cells.Select(c => c.Id));
    }

    [Fact]
    public async Task A_files_side_file_name_is_a_404_not_a_500()
    {
        var project = await Api.CreateProjectAsync("files");
        using var form = new MultipartFormDataContent { { new ByteArrayContent("a\n1\n"u8.ToArray()), "file", "x.csv" } };
        (await Api.Http.PostAsync($"/api/projects/{project.Id}/files", form)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await Api.Http.GetAsync($"/api/projects/{project.Id}/files/x.csv.type")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.Http.GetAsync($"/api/projects/{project.Id}/files/x.type")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Http.GetAsync($"/api/projects/{project.Id}/files/x.csv")).StatusCode);
    }

    private static string Ipynb(string cells) => $$"""{ "nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [ {{cells}} ] }""";

    private Task<HttpResponseMessage> ImportAsync(string notebook) =>
        Api.Http.PostAsync("/api/projects/import?format=ipynb", new StringContent(notebook, Encoding.UTF8, "text/plain"));

    public void Dispose() => _app.Dispose();

    /// <summary>A project may have only <see cref="MaxCells"/> cells.</summary>
    private sealed class LimitedApplication() : SeptApplication(_ => new ScriptedKernel())
    {
        public const int MaxCells = 70;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Sept:MaxCellsPerProject", MaxCells.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
