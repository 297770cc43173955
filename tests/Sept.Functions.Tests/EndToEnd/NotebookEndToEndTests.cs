using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Sept.Functions.Cells;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;
using Sept.Functions.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Sept.Kernel.Hosting;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.EndToEnd;

/// <summary>One app with real kernel processes for the class; each test works in its own project.</summary>
public sealed class RealKernelApplication : SeptApplication;

public sealed class NotebookEndToEndTests(RealKernelApplication app) : IClassFixture<RealKernelApplication>
{
    private readonly ApiClient _api = new(app.CreateClient());

    [Fact]
    public async Task A_notebook_with_every_cell_kind_runs_top_to_bottom()
    {
        var project = await _api.CreateProjectAsync("all kinds");
        var input = await _api.AddCellAsync(project.Id, "input", "", config: new { name = "n", type = "number", integer = true, value = 4 });
        var code = await _api.AddCellAsync(project.Id, "code",
            "var squares = Enumerable.Range(1, (int)n).Select(i => new { i, sq = i * i }).ToList();\nConsole.WriteLine($\"made {squares.Count}\");\nsquares.Sum(s => s.sq)");
        var sql = await _api.AddCellAsync(project.Id, "sql", "SELECT 6 * 7 AS answer", config: new { resultName = "answers" });
        var markdown = await _api.AddCellAsync(project.Id, "markdown", "# Squares\nSome *text*.");
        var chart = await _api.AddCellAsync(project.Id, "chart", "", config: new { data = "squares", mark = "bar", x = "i", y = "sq" });
        Assert.Equal(["n"], code.Reads);
        Assert.Equal(["squares"], chart.Reads);

        var run = await _api.RunAsync(project.Id, "all");
        Assert.Equal([input.Id, code.Id, sql.Id, markdown.Id, chart.Id], run.CellIds);
        await WaitForRunAsync(project.Id, run.RunId);

        var cells = (await _api.GetProjectAsync(project.Id)).Cells!.ToDictionary(c => c.Id);
        Assert.All(cells.Values, c => Assert.True(c.State == "success", $"{c.Kind} cell is {c.State}: {Describe(c)}"));
        var codeCell = cells[code.Id];
        Assert.Equal("made 4\n", codeCell.Outputs.OfType<StreamOutput>().Single().Text);
        Assert.Equal("30", codeCell.Outputs.OfType<DisplayOutput>().Single().Data["text/plain"].GetString());
        Assert.True(codeCell.ExecutionCount >= 1);
        Assert.NotNull(codeCell.LastRunMs);
        Assert.Contains(cells[sql.Id].Outputs.OfType<DisplayOutput>(), d => d.Data.ContainsKey("application/vnd.sept.table+json"));
        Assert.Contains(cells[markdown.Id].Outputs.OfType<DisplayOutput>(), d => d.Data.Keys.Any(k => k.StartsWith("text/", StringComparison.Ordinal)));
        Assert.Contains(cells[chart.Id].Outputs.OfType<DisplayOutput>(), d => d.Data.ContainsKey("application/vnd.vegalite.v5+json"));
    }

    [Fact]
    public async Task A_compile_error_is_shown_on_the_cell_and_its_dependents_stay_stale()
    {
        var project = await _api.CreateProjectAsync("errors", reactive: true);
        var a = await _api.AddCellAsync(project.Id, "code", "var a = 1 +;");
        var b = await _api.AddCellAsync(project.Id, "code", "var b = a * 2;");
        await WaitForRunAsync(project.Id, (await _api.RunAsync(project.Id, "all")).RunId);
        var cells = (await _api.GetProjectAsync(project.Id)).Cells!;
        Assert.Equal("error", cells[0].State);
        var error = cells[0].Outputs.OfType<ErrorOutput>().First();
        Assert.Equal(1, error.Line);
        Assert.Equal("stale", cells[1].State);

        var fixedA = await _api.PatchCellAsync(project.Id, a.Id, cells[0].Version, new { source = "var a = 21;" });
        Assert.Equal(HttpStatusCode.OK, fixedA.StatusCode);
        var run = await _api.RunAsync(project.Id, "cell", a.Id);
        Assert.Equal([a.Id, b.Id], run.CellIds);
        await WaitForRunAsync(project.Id, run.RunId);
        var after = (await _api.GetProjectAsync(project.Id)).Cells!;
        Assert.Equal(["success", "success"], after.Select(c => c.State));
    }

    [Fact]
    public async Task A_long_cell_in_one_project_does_not_hold_up_another_and_can_be_interrupted()
    {
        var slow = await _api.CreateProjectAsync("slow");
        var fast = await _api.CreateProjectAsync("fast");
        var loop = await _api.AddCellAsync(slow.Id, "code", "while (true) { }");
        var quick = await _api.AddCellAsync(fast.Id, "code", "1 + 1");
        // Both kernels are up before the loop starts, so only the loop can stand in the fast project's way.
        await WaitForRunAsync(fast.Id, (await _api.RunAsync(fast.Id, "cell", quick.Id)).RunId);
        var slowRun = await _api.RunAsync(slow.Id, "cell", loop.Id);
        await app.Realtime.WaitForAsync<CellUpdated>(ProjectId.Parse(slow.Id), u => u.Cell.Id == loop.Id && u.Cell.State == "running");

        var fastRun = await _api.RunAsync(fast.Id, "cell", quick.Id);
        await WaitForRunAsync(fast.Id, fastRun.RunId);
        Assert.Equal("success", (await _api.GetProjectAsync(fast.Id)).Cells![0].State);
        var stillRunning = (await _api.GetProjectAsync(slow.Id)).Cells![0];
        Assert.True(stillRunning.State == "running", Describe(stillRunning));

        var interrupt = await _api.Http.PostAsync($"/api/projects/{slow.Id}/kernel/interrupt", null);
        Assert.Equal(HttpStatusCode.Accepted, interrupt.StatusCode);
        await WaitForRunAsync(slow.Id, slowRun.RunId);
        Assert.NotEqual("running", (await _api.GetProjectAsync(slow.Id)).Cells![0].State);

        // The project recovers: the next cell runs on a working kernel.
        var next = await _api.AddCellAsync(slow.Id, "code", "\"alive\"");
        await WaitForRunAsync(slow.Id, (await _api.RunAsync(slow.Id, "cell", next.Id)).RunId);
        Assert.Equal("success", (await _api.GetProjectAsync(slow.Id)).Cells![1].State);
    }

    [Fact]
    public async Task A_running_cells_output_so_far_is_in_GET_marked_with_how_many_live_events_it_holds()
    {
        var project = await _api.CreateProjectAsync("late joiner", reactive: false);
        var cell = await _api.AddCellAsync(project.Id, "code",
            "Console.WriteLine(\"first\");\nSystem.Threading.Thread.Sleep(200);\nConsole.WriteLine(\"second\");\nwhile (true) { }");
        var run = await _api.RunAsync(project.Id, "cell", cell.Id);

        // What a reload or a second user gets mid-run: both lines (the second one by the trailing save, since the cell
        // prints nothing more), the run they belong to, and how many of its streamed events they hold.
        CellDto seen;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            seen = (await _api.GetProjectAsync(project.Id)).Cells![0];
            if (seen.State == "running" && Printed(seen.Outputs).Contains("second", StringComparison.Ordinal)) break;
            await Task.Delay(100);
        } while (DateTime.UtcNow < deadline);
        Assert.True(seen.State == "running", Describe(seen));
        Assert.Equal("first\nsecond\n", Printed(seen.Outputs));
        Assert.Equal(run.RunId, seen.RunId);
        var streamed = app.Realtime.EventsOf(ProjectId.Parse(project.Id)).OfType<CellOutputProduced>().Where(e => e.RunId == run.RunId).ToList();
        Assert.Equal(streamed.Count, seen.OutputSequence);
        Assert.Equal(Printed(seen.Outputs), Printed([.. streamed.Where(e => e.Sequence < seen.OutputSequence).Select(e => e.Output)]));

        await _api.Http.PostAsync($"/api/projects/{project.Id}/kernel/interrupt", null);
        await WaitForRunAsync(project.Id, run.RunId);
        var finished = (await _api.GetProjectAsync(project.Id)).Cells![0];
        Assert.NotEqual("running", finished.State);
        Assert.Null(finished.RunId);
        Assert.StartsWith("first\nsecond\n", Printed(finished.Outputs), StringComparison.Ordinal);
    }

    private static string Printed(IEnumerable<CellOutput> outputs) =>
        string.Concat(outputs.OfType<StreamOutput>().Where(o => o.Name == StreamNames.Stdout).Select(o => o.Text));

    [Fact]
    public async Task When_a_cell_kills_its_kernel_the_cell_fails_and_the_project_recovers()
    {
        var project = await _api.CreateProjectAsync("crash", reactive: false);
        var kill = await _api.AddCellAsync(project.Id, "code", "Environment.Exit(3);");
        await WaitForRunAsync(project.Id, (await _api.RunAsync(project.Id, "cell", kill.Id)).RunId);
        var crashed = (await _api.GetProjectAsync(project.Id)).Cells![0];
        Assert.Equal("error", crashed.State);
        Assert.NotEmpty(crashed.Outputs.OfType<ErrorOutput>());

        var next = await _api.AddCellAsync(project.Id, "code", "40 + 2");
        await WaitForRunAsync(project.Id, (await _api.RunAsync(project.Id, "cell", next.Id)).RunId);
        var recovered = (await _api.GetProjectAsync(project.Id)).Cells![1];
        Assert.True(recovered.State == "success", Describe(recovered));
        Assert.Equal("42", recovered.Outputs.OfType<DisplayOutput>().Single().Data["text/plain"].GetString());
    }

    [Fact]
    public async Task After_a_crash_a_cell_that_cannot_be_replayed_becomes_stale()
    {
        var project = await _api.CreateProjectAsync("replay", reactive: false);
        var fragile = await _api.AddCellAsync(project.Id, "code", "var fragile = File.Exists(\"marker.txt\") ? throw new InvalidOperationException(\"no replay\") : 1;");
        await WaitForRunAsync(project.Id, (await _api.RunAsync(project.Id, "cell", fragile.Id)).RunId);
        Assert.Equal("success", (await _api.GetProjectAsync(project.Id)).Cells![0].State);

        using var form = new MultipartFormDataContent { { new ByteArrayContent([1]), "file", "marker.txt" } };
        Assert.Equal(HttpStatusCode.Created, (await _api.Http.PostAsync($"/api/projects/{project.Id}/files", form)).StatusCode);
        var kill = await _api.AddCellAsync(project.Id, "code", "Environment.Exit(3);");
        await _api.RunAsync(project.Id, "cell", kill.Id);
        var lost = app.Realtime.WaitForAsync<CellUpdated>(ProjectId.Parse(project.Id),
            u => u.Cell.Id == fragile.Id && u.Cell.State == "stale", TimeSpan.FromSeconds(60));
        await Task.WhenAny(lost);
        var report = app.Services.GetRequiredService<KernelPool>().Sessions.Single(s => s.ProjectId == project.Id).LastRestore;
        Assert.True(lost.IsCompletedSuccessfully,
            $"replayed [{string.Join(", ", report?.ReplayedCellIds ?? [])}] failed [{string.Join(", ", report?.FailedCellIds ?? [])}] fragile {fragile.Id}");
    }

    [Fact]
    public async Task An_uploaded_file_is_readable_by_name_from_a_cell()
    {
        var project = await _api.CreateProjectAsync("files");
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("x,y\n1,2\n3,4\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "points.csv");
        var upload = await _api.Http.PostAsync($"/api/projects/{project.Id}/files", form);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);

        var cell = await _api.AddCellAsync(project.Id, "code", "File.ReadAllLines(\"points.csv\").Length");
        await WaitForRunAsync(project.Id, (await _api.RunAsync(project.Id, "cell", cell.Id)).RunId);
        var done = (await _api.GetProjectAsync(project.Id)).Cells![0];
        Assert.True(done.State == "success", Describe(done));
        Assert.Equal("3", done.Outputs.OfType<DisplayOutput>().Single().Data["text/plain"].GetString());
        Assert.Equal("x,y\n1,2\n3,4\n", await _api.Http.GetStringAsync($"/api/projects/{project.Id}/files/points.csv"));
    }

    [Fact]
    public async Task A_sql_result_is_paged_through_the_kernel()
    {
        var project = await _api.CreateProjectAsync("paging");
        var cell = await _api.AddCellAsync(project.Id, "sql", "SELECT range AS i FROM range(1000)", config: new { resultName = "numbers" });
        await WaitForRunAsync(project.Id, (await _api.RunAsync(project.Id, "cell", cell.Id)).RunId);
        using var page = JsonDocument.Parse(await _api.Http.GetStringAsync($"/api/projects/{project.Id}/cells/{cell.Id}/result?offset=500&limit=10"));
        Assert.Equal(1000, page.RootElement.GetProperty("totalRows").GetInt32());
        var rows = page.RootElement.GetProperty("rows");
        Assert.Equal(10, rows.GetArrayLength());
        Assert.Equal(500, rows[0][0].GetInt32());
    }

    private static string Describe(CellDto cell) =>
        string.Join(" | ", cell.Outputs.Select(o => JsonSerializer.Serialize(o, ApiClient.Json)));

    private Task<RunFinished> WaitForRunAsync(string projectId, string runId) =>
        app.Realtime.WaitForAsync<RunFinished>(ProjectId.Parse(projectId), f => f.RunId == runId, TimeSpan.FromSeconds(120));
}
