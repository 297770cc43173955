using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

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

    private sealed class KernelPoolLifetime(KernelPool pool) : IHostedService
    {
        // Warm kernels start in the background so the app is not held up by them.
        public Task StartAsync(CancellationToken cancellationToken)
        {
            _ = pool.StartAsync(CancellationToken.None);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => pool.DisposeAsync().AsTask();
    }
}
