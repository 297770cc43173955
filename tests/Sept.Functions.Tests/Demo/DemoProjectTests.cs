using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Sept.Functions.Demo;
using Sept.Functions.Projects;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Demo;

/// <summary>The app as a fresh local install sees it: the demo project exists, runs end to end on a real kernel, and
/// after deletion is not created again.</summary>
public sealed class DemoProjectTests : IDisposable
{
    private readonly DemoApplication _app = new();

    [Fact]
    public async Task A_fresh_install_shows_the_demo_which_runs_end_to_end_and_stays_deleted()
    {
        var api = new ApiClient(_app.CreateClient());
        var project = Assert.Single(await ListAsync(api));
        Assert.Equal(DemoNotebook.Name, project.Name);

        var ran = await WaitAsync(api, project.Id, TimeSpan.FromSeconds(180));
        var cells = ran.Cells!;
        Assert.Equal(["markdown", "code", "input", "sql", "chart", "code", "markdown"], cells.Select(c => c.Kind));
        Assert.All(cells, c => Assert.True(c.State == "success", $"{c.Kind} cell: {c.State} {JsonSerializer.Serialize(c.Outputs)}"));
        Assert.Contains("12 sales", Text(cells[1]));
        // minUnits = 20: North 40 tea + 25 coffee = 240, South 55*4 + 30*2.5 = 295, East 35*3.5 + 20*4 + 45*2.5 = 315, West 60*4 + 20*2.5 = 290.
        Assert.Contains("\"East\"", Text(cells[4]));
        Assert.Contains("vega", Text(cells[4]));
        Assert.Contains("**East** has the highest revenue: **315**", Text(cells[6]));

        // The slider drives the SQL and the chart: at 50 units only South (55 coffee) and West (60 coffee) are left.
        var slider = cells[2];
        var moved = await api.PatchCellAsync(project.Id, slider.Id, slider.Version,
            new { config = new { name = "minUnits", type = "slider", value = 50, min = 0, max = 60, step = 5, integer = true } });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        await WaitUntilAsync(api, project.Id, p => Text(p.Cells![6]).Contains("West", StringComparison.Ordinal)
            && p.Cells.All(c => c.State == "success"), TimeSpan.FromSeconds(120));

        Assert.Equal(HttpStatusCode.NoContent, (await api.Http.DeleteAsync($"/api/projects/{project.Id}")).StatusCode);
        var seeder = ActivatorUtilities.CreateInstance<DemoProjectSeeder>(_app.Services);
        await seeder.StartAsync(CancellationToken.None);
        Assert.Empty(await ListAsync(api));
        Assert.True(File.Exists(seeder.MarkerPath));
    }

    [Fact]
    public async Task An_install_that_already_has_projects_gets_no_demo()
    {
        var api = new ApiClient(_app.CreateClient());
        var demo = Assert.Single(await ListAsync(api));
        Assert.Equal(HttpStatusCode.NoContent, (await api.Http.DeleteAsync($"/api/projects/{demo.Id}")).StatusCode);
        File.Delete(Path.Combine(_app.DataDirectory, DemoProjectSeeder.MarkerFile));
        await api.CreateProjectAsync("Mine");
        await ActivatorUtilities.CreateInstance<DemoProjectSeeder>(_app.Services).StartAsync(CancellationToken.None);
        Assert.Equal(["Mine"], (await ListAsync(api)).Select(p => p.Name));
    }

    private static async Task<ProjectDto[]> ListAsync(ApiClient api) =>
        (await api.Http.GetFromJsonAsync<ProjectDto[]>("/api/projects", ApiClient.Json))!;

    private static Task<ProjectDto> WaitAsync(ApiClient api, string projectId, TimeSpan limit) =>
        WaitUntilAsync(api, projectId, p => p.Cells!.All(c => c.State is "success" or "error" or "cancelled"), limit);

    private static async Task<ProjectDto> WaitUntilAsync(ApiClient api, string projectId, Func<ProjectDto, bool> done, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        while (true)
        {
            var project = await api.GetProjectAsync(projectId);
            if (done(project)) return project;
            if (timeout.IsCancellationRequested)
                Assert.Fail($"gave up waiting: {JsonSerializer.Serialize(project.Cells!.Select(c => new { c.Kind, c.State, c.Outputs }))}");
            await Task.Delay(200);
        }
    }

    private static string Text(Functions.Cells.CellDto cell) => JsonSerializer.Serialize(cell.Outputs);

    public void Dispose() => _app.Dispose();

    private sealed class DemoApplication : SeptApplication
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Sept:Demo:Enabled", "true");
        }
    }
}
