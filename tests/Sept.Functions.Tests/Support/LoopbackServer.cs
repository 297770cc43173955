using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sept.Functions.Tests.Support;

/// <summary>A Kestrel server on a free loopback port, for the local stand-ins of Azure services.</summary>
public static class LoopbackServer
{
    /// <summary>Starts a server with the routes <paramref name="map"/> adds; returns it and its base address (no trailing slash).</summary>
    public static async Task<(WebApplication Server, Uri Address)> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        map(server);
        await server.StartAsync();
        var address = server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (server, new Uri(address.TrimEnd('/')));
    }
}
