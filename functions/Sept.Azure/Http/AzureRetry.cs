using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Sept.Azure.Http;

/// <summary>
/// How transient failures (429, 408, 5xx, connection errors, attempt timeouts) are retried. Each attempt has its
/// own timeout, so the HttpClient itself can have none (kernel streams run for minutes).
/// </summary>
public sealed record AzureRetryOptions(int MaxRetryAttempts = 4, TimeSpan? BaseDelay = null, TimeSpan? AttemptTimeout = null)
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
            .AddTimeout(AttemptTimeout ?? TimeSpan.FromSeconds(30))
            .Build();
}
