using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Kernel.Hosting;

namespace Sept.Functions.Hosting;

/// <param name="KernelSandbox">How kernel child processes are contained (docs/security.md); absent when kernels run in
/// the Azure session pool.</param>
public sealed record Health(string Status, string Version, string? KernelSandbox = null);

public static class HealthEndpoints
{
    private static readonly string Version =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/health", (IServiceProvider services) =>
            TypedResults.Ok(new Health("ok", Version, services.GetService<KernelPool>()?.Sandbox.Description))).AllowAnonymous();
        return routes;
    }
}
