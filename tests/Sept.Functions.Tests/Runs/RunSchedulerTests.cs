using System.Net;
using System.Text.Json;
using Sept.Functions.Realtime;
using Sept.Functions.Runs;
using Sept.Functions.Storage;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Runs;

/// <summary>Scheduler semantics with an in-test kernel double (the real kernel is exercised in the end-to-end tests).</summary>
public sealed class RunSchedulerTests : IDisposable
{
    private readonly ScriptedKernel _kernel = new();
    private readonly SeptApplication _app;
    private readonly ApiClient _api;

    public RunSchedulerTests()
    {
        _app = new SeptApplication(_ => _kernel);
        _api = new ApiClient(_app.CreateClient());
    }

    [Fact]
    public async Task In_a_reactive_project_running_a_cell_reruns_its_dependents_in_order_with_reasons()
    {
        var project = await _api.CreateProjectAsync(reactive: true);
        var a = await _api.AddCellAsync(project.Id, "code", "var a = 1;");
        var b = await _api.AddCellAsync(project.Id, "code", "var b = a + 1;");
        var other = await _api.AddCellAsync(project.Id, "code", "var z = 5;");
        var c = await _api.AddCellAsync(project.Id, "code", "var c = b + a;");

        var run = await _api.RunAsync(project.Id, "cell", a.Id);
        Assert.Equal([a.Id, b.Id, c.Id], run.CellIds);
        await WaitForRunAsync(project.Id, run.RunId);

        Assert.Equal([a.Id, b.Id, c.Id], _kernel.Executed(Id(project.Id)).Select(e => e.CellId));
        Assert.Equal(a.Id, _kernel.Executed(Id(project.Id))[1].Bindings["a"]);
        var cells = (await _api.GetProjectAsync(project.Id)).Cells!;
        Assert.All(cells.Where(x => x.Id != other.Id), x => Assert.Equal("success", x.State));
        Assert.Equal("idle", cells.Single(x => x.Id == other.Id).State);
        var history = await _api.Http.GetStringAsync($"/api/projects/{project.Id}/cells/{b.Id}/runs");
        var entries = JsonSerializer.Deserialize<RunHistoryEntry[]>(history, ApiClient.Json)!;
        Assert.Equal($"a changed in cell {a.Id}", Assert.Single(entries).Reason);
        Assert.Equal("ran var b = a + 1;\n", Assert.IsType<StreamOutput>(Assert.Single(entries[0].Outputs)).Text);
    }

    [Fact]
    public async Task Cell_events_arrive_queued_running_output_success_then_run_finished()
    {
        var project = await _api.CreateProjectAsync();
        var a = await _api.AddCellAsync(project.Id, "code", "var a = 1;");
        var run = await _api.RunAsync(project.Id, "cell", a.Id);
        await WaitForRunAsync(project.Id, run.RunId);
        var sequence = _app.Realtime.EventsOf(Id(project.Id)).SkipWhile(e => e is not CellUpdated { Cell.State: "queued" }).Select(e => e switch
        {
            CellUpdated u => u.Cell.State,
            CellOutputProduced => "output",
            RunFinished => "finished",
            _ => e.Target,
        });
        Assert.Equal(["queued", "running", "output", "success", "finished"], sequence);
    }

    [Fact]
    public async Task In_a_non_reactive_project_dependents_become_stale_instead_of_running()
    {
        var project = await _api.CreateProjectAsync(reactive: false);
        var a = await _api.AddCellAsync(project.Id, "code", "var a = 1;");
        var b = await _api.AddCellAsync(project.Id, "code", "var b = a + 1;");
        await WaitForRunAsync(project.Id, (await _api.RunAsync(project.Id, "all")).RunId);
        var run = await _api.RunAsync(project.Id, "cell", a.Id);
        Assert.Equal([a.Id], run.CellIds);
        await WaitForRunAsync(project.Id, run.RunId);
        var cells = (await _api.GetProjectAsync(project.Id)).Cells!;
        Assert.Equal(["success", "stale"], cells.Select(x => x.State));
        Assert.Equal(3, _kernel.Executed(Id(project.Id)).Count);
    }

    [Fact]
    public async Task A_failing_cell_leaves_its_dependents_stale_and_independent_cells_still_run()
    {
        var project = await _api.CreateProjectAsync(reactive: false);
        var a = await _api.AddCellAsync(project.Id, "code", "var a = 1; // fail");
        var b = await _api.AddCellAsync(project.Id, "code", "var b = a + 1;");
        var z = await _api.AddCellAsync(project.Id, "code", "var z = 2;");
        await WaitForRunAsync(project.Id, (await _api.RunAsync(project.Id, "all")).RunId);
        var cells = (await _api.GetProjectAsync(project.Id)).Cells!;
        Assert.Equal(["error", "stale", "success"], cells.Select(x => x.State));
        Assert.Equal("asked to fail", cells[0].Outputs.OfType<ErrorOutput>().Single().Message);
        Assert.DoesNotContain(_kernel.Executed(Id(project.Id)), e => e.CellId == b.Id);
        Assert.Contains(_kernel.Executed(Id(project.Id)), e => e.CellId == z.Id);
    }

    [Fact]
    public async Task Editing_a_cell_marks_it_and_its_dependents_stale()
    {
        var project = await _api.CreateProjectAsync(reactive: false);
        var a = await _api.AddCellAsync(project.Id, "code", "var a = 1;");
        await _api.AddCellAsync(project.Id, "code", "var b = a + 1;");
        await _api.AddCellAsync(project.Id, "code", "var z = 2;");
        await WaitForRunAsync(project.Id, (await _api.RunAsync(project.Id, "all")).RunId);
        var current = (await _api.GetProjectAsync(project.Id)).Cells![0];
        var response = await _api.PatchCellAsync(project.Id, a.Id, current.Version, new { source = "var a = 2;" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["stale", "stale", "success"], (await _api.GetProjectAsync(project.Id)).Cells!.Select(x => x.State));
    }

    [Fact]
    public async Task Moving_a_reader_above_its_writer_makes_it_stale_with_an_unbound_read()
    {
        var project = await _api.CreateProjectAsync(reactive: false);
        var a = await _api.AddCellAsync(project.Id, "code", "var a = 1;");
        var b = await _api.AddCellAsync(project.Id, "code", "var b = a + 1;");
        var z = await _api.AddCellAsync(project.Id, "code", "var z = 2;");
        await WaitForRunAsync(project.Id, (await _api.RunAsync(project.Id, "all")).RunId);
        var moved = await _api.Http.PostAsync($"/api/projects/{project.Id}/cells/{b.Id}/move",
            JsonContentOf(new { afterCellId = (string?)null }));
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var cells = (await _api.GetProjectAsync(project.Id)).Cells!;
        Assert.Equal([b.Id, a.Id, z.Id], cells.Select(c => c.Id));
        Assert.Equal(["stale", "success", "success"], cells.Select(c => c.State));
        Assert.Contains(cells[0].Problems, p => p.Code == "unbound" && p.Message.Contains('a'));
    }

    [Fact]
    public async Task In_a_reactive_project_a_changed_input_value_reruns_its_dependents()
    {
        var project = await _api.CreateProjectAsync(reactive: true);
        var input = await _api.AddCellAsync(project.Id, "input", "", config: new { name = "n", type = "number", value = 1 });
        var reader = await _api.AddCellAsync(project.Id, "code", "var doubled = n * 2;");
        await _api.PatchCellAsync(project.Id, input.Id, input.Version, new { config = new { name = "n", type = "number", value = 2 } });
        var finished = await _app.Realtime.WaitForAsync<RunFinished>(Id(project.Id), f => f.CellIds.Contains(reader.Id));
        Assert.Equal([input.Id, reader.Id], finished.CellIds);
        var executed = _kernel.Executed(Id(project.Id));
        Assert.Equal(2, executed.Single(e => e.CellId == input.Id).Config!.Value.GetProperty("value").GetInt32());
    }

    [Fact]
    public async Task A_long_cell_in_one_project_does_not_delay_another_project()
    {
        var slow = await _api.CreateProjectAsync("slow");
        var fast = await _api.CreateProjectAsync("fast");
        var gated = await _api.AddCellAsync(slow.Id, "code", "var g = 1; // gate");
        var quick = await _api.AddCellAsync(fast.Id, "code", "var q = 1;");
        var slowRun = await _api.RunAsync(slow.Id, "cell", gated.Id);
        await _app.Realtime.WaitForAsync<CellUpdated>(Id(slow.Id), u => u.Cell.State == "running");
        var fastRun = await _api.RunAsync(fast.Id, "cell", quick.Id);
        await WaitForRunAsync(fast.Id, fastRun.RunId);
        Assert.Equal("running", (await _api.GetProjectAsync(slow.Id)).Cells![0].State);
        _kernel.Gate.SetResult();
        await WaitForRunAsync(slow.Id, slowRun.RunId);
    }

    [Fact]
    public async Task An_interrupt_stops_the_running_cell_and_skips_the_rest_of_the_run()
    {
        var project = await _api.CreateProjectAsync(reactive: false);
        var gated = await _api.AddCellAsync(project.Id, "code", "var g = 1; // gate");
        var independent = await _api.AddCellAsync(project.Id, "code", "var x = 2;");
        var run = await _api.RunAsync(project.Id, "all");
        await _app.Realtime.WaitForAsync<CellUpdated>(Id(project.Id), u => u.Cell.State == "running");
        var interrupt = await _api.Http.PostAsync($"/api/projects/{project.Id}/kernel/interrupt", null);
        Assert.Equal(HttpStatusCode.Accepted, interrupt.StatusCode);
        Assert.Contains("interrupted", await interrupt.Content.ReadAsStringAsync());
        await WaitForRunAsync(project.Id, run.RunId);
        var cells = (await _api.GetProjectAsync(project.Id)).Cells!;
        Assert.Equal(["stale", "stale"], cells.Select(c => c.State));
        Assert.Equal("Interrupted", cells[0].Outputs.OfType<ErrorOutput>().Single().Ename);
        Assert.DoesNotContain(_kernel.Executed(Id(project.Id)), e => e.CellId == independent.Id);
    }

    [Fact]
    public async Task A_newer_run_of_the_same_cells_replaces_a_queued_one()
    {
        var project = await _api.CreateProjectAsync(reactive: false);
        var gated = await _api.AddCellAsync(project.Id, "code", "var g = 1; // gate");
        var b = await _api.AddCellAsync(project.Id, "code", "var b = 2;");
        var blocking = await _api.RunAsync(project.Id, "cell", gated.Id);
        await _app.Realtime.WaitForAsync<CellUpdated>(Id(project.Id), u => u.Cell.State == "running");
        var older = await _api.RunAsync(project.Id, "cell", b.Id);
        var newer = await _api.RunAsync(project.Id, "cell", b.Id);
        var superseded = await _app.Realtime.WaitForAsync<RunFinished>(Id(project.Id), f => f.RunId == older.RunId);
        Assert.Equal(newer.RunId, superseded.SupersededBy);
        _kernel.Gate.SetResult();
        await WaitForRunAsync(project.Id, blocking.RunId);
        await WaitForRunAsync(project.Id, newer.RunId);
        Assert.Single(_kernel.Executed(Id(project.Id)), e => e.CellId == b.Id);
    }

    [Fact]
    public async Task A_large_output_is_kept_in_the_output_store_and_the_cell_keeps_a_preview()
    {
        var project = await _api.CreateProjectAsync();
        var cell = await _api.AddCellAsync(project.Id, "code", "big");
        await WaitForRunAsync(project.Id, (await _api.RunAsync(project.Id, "cell", cell.Id)).RunId);
        var display = (await _api.GetProjectAsync(project.Id)).Cells![0].Outputs.OfType<DisplayOutput>().Single();
        Assert.NotNull(display.Full);
        Assert.True(display.Data["text/plain"].GetString()!.Length < 64 * 1024);
        var full = await _api.Http.GetStringAsync(display.Full.Url);
        Assert.Contains(new string('x', 200_000), full);
    }

    [Fact]
    public async Task Runs_of_unknown_cells_or_without_cells_are_refused()
    {
        var project = await _api.CreateProjectAsync();
        var unknown = await _api.Http.PostAsync($"/api/projects/{project.Id}/runs",
            JsonContentOf(new { cellIds = new[] { Guid.NewGuid().ToString("N") }, mode = "cell" }));
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var none = await _api.Http.PostAsync($"/api/projects/{project.Id}/runs", JsonContentOf(new { mode = "downstream" }));
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        var badMode = await _api.Http.PostAsync($"/api/projects/{project.Id}/runs", JsonContentOf(new { mode = "sideways" }));
        Assert.Equal(HttpStatusCode.BadRequest, badMode.StatusCode);
    }

    [Fact]
    public async Task A_comment_or_whitespace_edit_leaves_the_cell_and_its_dependents_as_they_were()
    {
        var project = await _api.CreateProjectAsync(reactive: false);
        var a = await _api.AddCellAsync(project.Id, "code", "var a = 1;");
        var b = await _api.AddCellAsync(project.Id, "code", "var b = a + 1;");
        await WaitForRunAsync(project.Id, (await _api.RunAsync(project.Id, "all")).RunId);
        var ran = (await _api.GetProjectAsync(project.Id)).Cells!;

        var comment = await _api.PatchCellAsync(project.Id, a.Id, ran[0].Version, new { source = "// the seed\nvar a  =  1; // one" });
        Assert.Equal(HttpStatusCode.OK, comment.StatusCode);
        var afterComment = (await _api.GetProjectAsync(project.Id)).Cells!;
        Assert.Equal(["success", "success"], afterComment.Select(c => c.State));

        var edit = await _api.PatchCellAsync(project.Id, a.Id, afterComment[0].Version, new { source = "// the seed\nvar a = 2;" });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        Assert.Equal(["stale", "stale"], (await _api.GetProjectAsync(project.Id)).Cells!.Select(c => c.State));
        Assert.Equal(b.Id, (await _api.GetProjectAsync(project.Id)).Cells![1].Id);
    }

    private static StringContent JsonContentOf(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");

    private Task<RunFinished> WaitForRunAsync(string projectId, string runId) =>
        _app.Realtime.WaitForAsync<RunFinished>(Id(projectId), f => f.RunId == runId);

    private static ProjectId Id(string text) => ProjectId.Parse(text);

    public void Dispose()
    {
        _kernel.Gate.TrySetResult();
        _app.Dispose();
    }
}
