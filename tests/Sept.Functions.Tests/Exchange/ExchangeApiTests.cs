using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sept.Functions.Projects;
using Sept.Functions.Storage;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Exchange;

public sealed class ExchangeApiTests : IDisposable
{
    private const string PolyglotSample = """
        {
         "cells": [
          { "cell_type": "markdown", "metadata": {}, "source": ["# Polyglot sample\n", "Some text."] },
          { "cell_type": "code", "execution_count": 1,
            "metadata": { "dotnet_interactive": { "language": "csharp" }, "polyglot_notebook": { "kernelName": "csharp" } },
            "outputs": [ { "output_type": "execute_result", "execution_count": 1, "data": { "text/plain": ["42"] }, "metadata": {} } ],
            "source": ["var answer = 6 * 7;\n", "answer"] },
          { "cell_type": "code", "execution_count": null, "metadata": {},
            "outputs": [ { "output_type": "stream", "name": "stdout", "text": ["hello\n"] } ],
            "source": ["#!csharp\n", "Console.WriteLine(\"hello\");"] },
          { "cell_type": "code", "metadata": { "polyglot_notebook": { "kernelName": "markdown" } }, "outputs": [],
            "source": "## From a markdown kernel" },
          { "cell_type": "code", "metadata": {}, "outputs": [], "source": ["#!sql\n", "SELECT 1 AS one"] },
          { "cell_type": "code", "metadata": { "dotnet_interactive": { "language": "fsharp" } }, "outputs": [], "source": "let x = 1" }
         ],
         "metadata": {
          "kernelspec": { "display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp" },
          "polyglot_notebook": { "kernelInfo": { "defaultKernelName": "csharp", "items": [ { "name": "csharp" } ] } }
         },
         "nbformat": 4, "nbformat_minor": 4
        }
        """;

    private readonly SeptApplication _app = new(_ => new ScriptedKernel());
    private readonly ApiClient _api;

    public ExchangeApiTests() => _api = new ApiClient(_app.CreateClient());

    [Fact]
    public async Task A_polyglot_notebook_imports_with_languages_and_outputs()
    {
        var project = await ImportAsync(PolyglotSample, "ipynb", "sample");
        var cells = project.Cells!;
        Assert.Equal(["markdown", "code", "code", "markdown", "sql", "markdown"], cells.Select(c => c.Kind));
        Assert.Equal("# Polyglot sample\nSome text.", cells[0].Source);
        Assert.Equal("var answer = 6 * 7;\nanswer", cells[1].Source);
        Assert.Equal(["answer"], cells[1].Writes);
        Assert.Equal("42", cells[1].Outputs.OfType<DisplayOutput>().Single().Data["text/plain"].GetString());
        Assert.Equal(1, cells[1].ExecutionCount);
        Assert.Equal("Console.WriteLine(\"hello\");", cells[2].Source);
        Assert.Equal("hello\n", cells[2].Outputs.OfType<StreamOutput>().Single().Text);
        Assert.Equal("## From a markdown kernel", cells[3].Source);
        Assert.Equal("SELECT 1 AS one", cells[4].Source);
        Assert.Equal("```fsharp\nlet x = 1\n```\n", cells[5].Source);
        Assert.Equal("sample", project.Name);
    }

    [Fact]
    public async Task An_ipynb_export_imports_back_to_the_same_cells()
    {
        var original = await BuildNotebookAsync();
        var exported = await _api.Http.GetStringAsync($"/api/projects/{original.Id}/export?format=ipynb");
        using (var document = JsonDocument.Parse(exported))
        {
            Assert.Equal(4, document.RootElement.GetProperty("nbformat").GetInt32());
            Assert.Equal("csharp", document.RootElement.GetProperty("metadata").GetProperty("polyglot_notebook")
                .GetProperty("kernelInfo").GetProperty("defaultKernelName").GetString());
        }
        var copy = await ImportAsync(exported, "ipynb");
        AssertSameCells(original, copy);
        Assert.Equal(original.Name, copy.Name);
        Assert.Equal(original.Reactive, copy.Reactive);
    }

    [Fact]
    public async Task A_cs_export_imports_back_to_the_same_cells()
    {
        var original = await BuildNotebookAsync();
        var exported = await _api.Http.GetStringAsync($"/api/projects/{original.Id}/export?format=cs");
        Assert.StartsWith("#!/usr/bin/env dotnet", exported);
        Assert.Contains("// #region sept:cell kind=code id=", exported);
        Assert.Contains("Display(total);", exported);
        var usingAt = exported.IndexOf("using System.Text;", StringComparison.Ordinal);
        var firstStatement = exported.IndexOf("var xs =", StringComparison.Ordinal);
        var recordAt = exported.IndexOf("record Point", StringComparison.Ordinal);
        Assert.True(usingAt < firstStatement && firstStatement < recordAt, "usings first, types last");
        var copy = await ImportAsync(exported, "cs");
        AssertSameCells(original, copy);
    }

    [Fact]
    public async Task Bad_import_files_get_400_not_500()
    {
        foreach (var (body, format) in new[] { ("{ not json", "ipynb"), ("{\"nbformat\": 3, \"cells\": []}", "ipynb"), ("[1,2]", "ipynb"),
                     ("{\"nbformat\": 4, \"cells\": [1]}", "ipynb"), ("// #region sept:cell kind=bogus id=1\n// #endregion", "cs"), ("x", "docx") })
        {
            var response = await _api.Http.PostAsync($"/api/projects/import?format={format}", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
        var unknownFormat = await _api.Http.GetAsync($"/api/projects/{(await _api.CreateProjectAsync()).Id}/export?format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, unknownFormat.StatusCode);
    }

    private async Task<ProjectDto> BuildNotebookAsync()
    {
        var project = await _api.CreateProjectAsync("Round trip", reactive: false);
        await _api.AddCellAsync(project.Id, "markdown", "# Title\n\nA paragraph.");
        await _api.AddCellAsync(project.Id, "code", "using System.Text;\nvar xs = new[] { 1, 2, 3 };\nrecord Point(int X, int Y);\nvar total = xs.Sum();\ntotal");
        await _api.AddCellAsync(project.Id, "input", "", config: new { name = "n", type = "slider", value = 3, min = 0, max = 10 });
        await _api.AddCellAsync(project.Id, "sql", "SELECT \"\"\"quoted\"\"\" AS q, {n} AS n", config: new { resultName = "df" });
        await _api.AddCellAsync(project.Id, "chart", "", config: new { data = "df", mark = "bar", x = "q", y = "n" });
        return await _api.GetProjectAsync(project.Id);
    }

    private static void AssertSameCells(ProjectDto original, ProjectDto copy)
    {
        Assert.Equal(original.Cells!.Select(c => c.Id), copy.Cells!.Select(c => c.Id));
        Assert.Equal(original.Cells!.Select(c => c.Kind), copy.Cells!.Select(c => c.Kind));
        Assert.Equal(original.Cells!.Select(c => c.Source), copy.Cells!.Select(c => c.Source));
        Assert.Equal(original.Cells!.Select(c => c.Config?.GetRawText()), copy.Cells!.Select(c => c.Config?.GetRawText()));
    }

    private async Task<ProjectDto> ImportAsync(string text, string format, string? name = null)
    {
        var url = $"/api/projects/import?format={format}" + (name is null ? "" : $"&name={name}");
        var response = await _api.Http.PostAsync(url, new StringContent(text, Encoding.UTF8, "text/plain"));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ProjectDto>(ApiClient.Json))!;
    }

    public void Dispose() => _app.Dispose();
}
