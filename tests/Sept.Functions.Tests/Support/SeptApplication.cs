using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sept.Functions.Hosting;
using Sept.Functions.Kernels;
using Sept.Functions.Realtime;
using Sept.Kernel.Hosting;

namespace Sept.Functions.Tests.Support;

/// <summary>The app on a TestServer with a fresh SQLite data folder, recording realtime events. Pass a kernel
/// host to replace the real one (scheduler unit tests only).</summary>
public class SeptApplication(Func<IServiceProvider, IKernelHost>? kernel = null, string? webRoot = null) : WebApplicationFactory<SeptOptions>
{
    private readonly TempFolder _data = new();

    public string DataDirectory => _data.Path;

    public RecordingRealtime Realtime => Services.GetRequiredService<RecordingRealtime>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Sept:DataDirectory", _data.Path);
        // Tests start from an empty install; Demo/DemoProjectTests turns the demo back on.
        builder.UseSetting("Sept:Demo:Enabled", "false");
        if (webRoot is not null) builder.UseSetting("Sept:WebRoot", webRoot);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<HubRealtime>();
            services.AddSingleton<RecordingRealtime>();
            services.Replace(ServiceDescriptor.Singleton<IRealtime>(sp => sp.GetRequiredService<RecordingRealtime>()));
            if (kernel is null) return;
            services.Replace(ServiceDescriptor.Singleton(kernel));
            // No kernel processes for tests that use a kernel double.
            services.RemoveAll<KernelPool>();
            var poolLifetime = services.Single(d => d.ImplementationType?.Name == "KernelPoolLifetime");
            services.Remove(poolLifetime);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _data.Dispose();
    }
}
