using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Sept.Functions.Cells;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.History;

/// <summary>The app with the scripted kernel, a clock the test moves and a recording cell observer.</summary>
public sealed class HistoryApplication() : SeptApplication(_ => new ScriptedKernel())
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero));

    public RecordingCellObserver Observer { get; } = new();

    public ScriptedKernel Kernel => (ScriptedKernel)Services.GetRequiredService<Sept.Functions.Kernels.IKernelHost>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            services.AddSingleton<ICellObserver>(Observer);
        });
    }
}
