using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Sept.Functions.Hosting;

public sealed record Health(string Status, string Version);

public static class HealthEndpoints
{
    private static readonly string Version =
        typeof(HealthEndpoints).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/health", () => TypedResults.Ok(new Health("ok", Version))).AllowAnonymous();
        return routes;
    }
}
