using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Sept.Functions.Identity;

namespace Sept.Functions.Hosting;

/// <summary>Configuration section "Sept:RateLimits".</summary>
public sealed class RateLimitOptions
{
    public const string Section = "Sept:RateLimits";

    /// <summary>Token bucket per user on run endpoints (POST runs, kernel interrupt and restart).</summary>
    public int RunsPerMinute { get; set; } = 120;
}

/// <summary>Endpoint metadata: the route enforces its own body size (uploads, imports), not Sept:MaxJsonBodyBytes.</summary>
public sealed class OwnBodyLimit;

/// <summary>Per-user rate limiting of run endpoints (429 problem+json with Retry-After) and a body size limit for
/// every route without <see cref="OwnBodyLimit"/> (413 problem+json).</summary>
public static class RequestLimits
{
    public const string RunPolicy = "runs";

    public static IServiceCollection AddSeptRequestLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section)
            .Validate(o => o.RunsPerMinute > 0, "Sept:RateLimits:RunsPerMinute must be positive.");
        services.AddRateLimiter(o =>
        {
            o.AddPolicy(RunPolicy, context =>
            {
                var perMinute = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.RunsPerMinute;
                return RateLimitPartition.GetTokenBucketLimiter(SeptUser.FromPrincipal(context.User)?.Id ?? "", _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perMinute,
                    TokensPerPeriod = perMinute,
                    ReplenishmentPeriod = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = async (context, cancellationToken) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many runs",
                    $"You may start at most {context.HttpContext.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.RunsPerMinute} runs per minute; retry in {seconds} s.");
            };
        });
        return services;
    }

    /// <summary>Call after UseAuthorization, so limits know the endpoint and the user.</summary>
    public static WebApplication UseSeptRequestLimits(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<OwnBodyLimit>() is null)
            {
                var max = context.RequestServices.GetRequiredService<IOptions<SeptOptions>>().Value.MaxJsonBodyBytes;
                if (context.Request.ContentLength > max)
                {
                    await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Body too large", $"Request bodies may be at most {max} bytes.");
                    return;
                }
                // Bodies without a length (chunked) stop at the limit while read (Kestrel answers 413 through the exception handler).
                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = max;
            }
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    public static TBuilder RequireRunLimit<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(RunPolicy);
}
