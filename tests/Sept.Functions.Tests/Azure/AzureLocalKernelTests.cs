using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Sept.Functions.Hosting;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Azure;

/// <summary>Issue 13 row 15: kernel child processes on an Azure instance must not get its managed identity or its
/// loopback /runs and /sweep routes, so Sept:KernelHost = Local there needs the sandbox without network.</summary>
public sealed class AzureLocalKernelTests
{
    [Theory]
    [InlineData("Sept:Kernel:Process:AllowNetwork", "true")]
    [InlineData("Sept:Kernel:Process:Sandbox", "Off")]
    public void Azure_hosting_refuses_to_start_local_kernels_that_could_reach_the_instance(string key, string value)
    {
        using var app = new AzureWithLocalKernels(key, value);
        var refused = Assert.Throws<InvalidOperationException>(() => app.CreateClient());
        Assert.Contains("Sept:KernelHost = Local on Azure hosting needs the kernel sandbox without network", refused.Message);
    }

    private sealed class AzureWithLocalKernels(string key, string value) : WebApplicationFactory<SeptOptions>
    {
        private readonly TempFolder _data = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            var settings = new Dictionary<string, string>
            {
                ["Sept:Hosting"] = "Azure",
                ["Sept:KernelHost"] = "Local",
                ["Sept:Kernel:WarmKernels"] = "0",
                ["Sept:DataDirectory"] = _data.Path,
                ["Sept:Azure:ServiceBusNamespace"] = "sept-bus.servicebus.windows.net",
                ["Sept:Azure:SignalREndpoint"] = "https://sept.service.signalr.net",
                ["Sept:Azure:SignalRHub"] = "sept",
                ["Sept:Azure:CosmosEndpoint"] = "https://cosmos.test",
                ["Sept:Azure:CosmosDatabase"] = "sept",
                ["Sept:Azure:SessionPoolEndpoint"] = "https://pool.test",
                ["Sept:Azure:BlobEndpoint"] = "https://blob.test",
                ["Sept:Azure:OutputsContainer"] = "outputs",
                [key] = value,
            };
            foreach (var (name, setting) in settings) builder.UseSetting(name, setting);
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing) _data.Dispose();
        }
    }
}
