using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Sept.Azure.Http;

/// <summary>How transient failures (429, 408, 5xx, connection errors) are retried.</summary>
public sealed record AzureRetryOptions(int MaxRetryAttempts = 4, TimeSpan? BaseDelay = null)
{
    public static AzureRetryOptions Default { get; } = new();

    /// <summary>Exponential backoff with jitter; honours Retry-After from throttling responses.</summary>
    internal ResiliencePipeline<HttpResponseMessage> BuildPipeline() =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = MaxRetryAttempts,
                Delay = BaseDelay ?? TimeSpan.FromMilliseconds(500),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                ShouldRetryAfterHeader = true,
            })
            .Build();
}
