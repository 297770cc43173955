using System.Net;
using Sept.Functions.Realtime;
using Sept.Functions.Tests.Support;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Runs;

/// <summary>Deleting a project while one of its cells runs: the run ends without writing history for the gone project.</summary>
public sealed class DeletedWhileRunningTests : IDisposable
{
    private readonly ScriptedKernel _kernel = new();
    private readonly SeptApplication _app;

    public DeletedWhileRunningTests() => _app = new SeptApplication(_ => _kernel);

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_project_deleted_while_its_cell_runs_still_finishes_the_run()
    {
        var api = new ApiClient(_app.CreateClient());
        var project = await api.CreateProjectAsync("doomed", reactive: false);
        var cell = await api.AddCellAsync(project.Id, "code", "var g = 1; // gate");
        var id = ProjectId.Parse(project.Id);
        var run = await api.RunAsync(project.Id, "cell", cell.Id);
        await _app.Realtime.WaitForAsync<CellUpdated>(id, e => e.Cell.Id == cell.Id && e.Cell.State == "running");

        Assert.Equal(HttpStatusCode.NoContent, (await api.Http.DeleteAsync($"/api/projects/{project.Id}")).StatusCode);
        _kernel.Gate.TrySetResult();

        var finished = await _app.Realtime.WaitForAsync<RunFinished>(id, e => e.RunId == run.RunId, TimeSpan.FromSeconds(30));
        Assert.Equal([cell.Id], finished.CellIds);
        Assert.Equal(HttpStatusCode.NotFound, (await api.Http.GetAsync($"/api/projects/{project.Id}")).StatusCode);
    }
}
