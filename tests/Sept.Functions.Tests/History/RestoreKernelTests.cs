using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Sept.Functions.Kernels;
using Sept.Functions.Realtime;
using Sept.Functions.Tests.EndToEnd;
using Sept.Functions.Tests.Support;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.History;

/// <summary>A restore against a real kernel process, watched by a real SignalR client.</summary>
public sealed class RestoreKernelTests(RealKernelApplication app) : IClassFixture<RealKernelApplication>
{
    private readonly ApiClient _api = new(app.CreateClient());
    private readonly VersionCalls _versions = new(app.CreateClient());

    [Fact]
    public async Task A_restore_marks_changed_cells_stale_makes_the_kernel_forget_removed_cells_and_tells_clients()
    {
        var project = await _api.CreateProjectAsync("kernel restore", reactive: false);
        var id = ProjectId.Parse(project.Id);
        var y = await _api.AddCellAsync(project.Id, "code", "var y = 1;");
        var version = await _versions.SaveAsync(project.Id, "only y");
        Assert.Equal(HttpStatusCode.OK, (await _api.PatchCellAsync(project.Id, y.Id, y.Version, new { source = "var y = 2;" })).StatusCode);
        var x = await _api.AddCellAsync(project.Id, "code", "var x = 41;");
        var reader = await _api.AddCellAsync(project.Id, "code", "x + y");
        var run = await _api.RunAsync(project.Id, "all");
        await app.Realtime.WaitForAsync<RunFinished>(id, f => f.RunId == run.RunId, TimeSpan.FromSeconds(120));
        Assert.All((await _api.GetProjectAsync(project.Id)).Cells!, c => Assert.Equal("success", c.State));

        var changed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = new HubConnectionBuilder()
            .WithUrl($"{app.Server.BaseAddress}api/hub", o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        connection.On<JsonElement>("projectChanged", payload => changed.TrySetResult(payload));
        await connection.StartAsync();
        var subscribe = await _api.Http.PostAsJsonAsync($"/api/projects/{project.Id}/subscriptions", new { connectionId = connection.ConnectionId });
        Assert.Equal(HttpStatusCode.NoContent, subscribe.StatusCode);

        var restored = await _versions.RestoreAsync(project.Id, version.Id);
        var cell = Assert.Single(restored.Project.Cells!);
        Assert.Equal((y.Id, "var y = 1;", "stale"), (cell.Id, cell.Source, cell.State));
        var pushed = await changed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([y.Id], pushed.GetProperty("project").GetProperty("cells").EnumerateArray().Select(c => c.GetProperty("id").GetString()));

        // The kernel dropped the removed cell's variables: a read bound to it is refused.
        var kernels = app.Services.GetRequiredService<IKernelHost>();
        var events = new List<KernelEvent>();
        await foreach (var e in kernels.ExecuteAsync(id, new ExecuteRequest("probe", CellId.New().ToString(), "code", "x + 1",
                           new Dictionary<string, string> { ["x"] = x.Id }), CancellationToken.None))
            events.Add(e);
        Assert.Equal(RunStatus.Error, events.OfType<FinishedEvent>().Single().Status);
        Assert.Contains("deleted cell", events.OfType<ErrorEvent>().Single().Message);

        // A cell reading the removed name now is unbound and fails to run.
        var later = await _api.AddCellAsync(project.Id, "code", "x + 1");
        Assert.Contains(later.Problems, p => p.Code == "unbound" && p.Message.Contains('x'));
        var second = await _api.RunAsync(project.Id, "cell", later.Id);
        await app.Realtime.WaitForAsync<RunFinished>(id, f => f.RunId == second.RunId, TimeSpan.FromSeconds(120));
        Assert.Equal("error", (await _api.GetProjectAsync(project.Id)).Cells!.Single(c => c.Id == later.Id).State);
    }
}
