using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Sept.Functions.Realtime;
using Sept.Functions.Tests.Support;
using Sept.Kernel.Hosting;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.EndToEnd;

public sealed class KernelLifetimeTests
{
    [Fact]
    public async Task Stopping_the_app_leaves_no_kernel_process_behind()
    {
        Process kernel;
        using (var app = new SeptApplication())
        {
            var api = new ApiClient(app.CreateClient());
            var project = await api.CreateProjectAsync("lifetime");
            var cell = await api.AddCellAsync(project.Id, "code", "Environment.ProcessId");
            var run = await api.RunAsync(project.Id, "cell", cell.Id);
            await app.Realtime.WaitForAsync<RunFinished>(ProjectId.Parse(project.Id), f => f.RunId == run.RunId, TimeSpan.FromSeconds(120));
            var session = app.Services.GetRequiredService<KernelPool>().Sessions.Single(s => s.ProjectId == project.Id);
            kernel = Process.GetProcessById(session.Kernel.ProcessId);
            Assert.False(kernel.HasExited);
        }
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await kernel.WaitForExitAsync(limit.Token);
        Assert.True(kernel.HasExited);
    }
}
