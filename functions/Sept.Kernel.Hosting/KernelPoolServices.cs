using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Sept.Kernel.Hosting;

public static class KernelPoolServices
{
    /// <summary>Registers a singleton <see cref="KernelPool"/> that starts with the host and kills its kernels on shutdown.</summary>
    public static IServiceCollection AddKernelPool(this IServiceCollection services, Action<KernelPoolOptions>? configure = null)
    {
        var options = new KernelPoolOptions();
        configure?.Invoke(options);
        services.AddSingleton(new KernelPool(options));
        services.AddHostedService<KernelPoolLifetime>();
        return services;
    }

    private sealed class KernelPoolLifetime(KernelPool pool, ILogger<KernelPool> log) : IHostedService
    {
        // Warm kernels start in the background so the app is not held up by them.
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!pool.Sandbox.Active)
                log.LogWarning("Kernels run WITHOUT a sandbox ({Sandbox}): cell code can read everything this app's OS user can, " +
                    "its data directory included. See docs/security.md.", pool.Sandbox.Description);
            else if (pool.Sandbox.Network)
                log.LogWarning("Kernel sandbox shares the host network (Sept:Kernel:Process:AllowNetwork): cells can reach loopback services.");
            _ = pool.StartAsync(CancellationToken.None);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => pool.DisposeAsync().AsTask();
    }
}
