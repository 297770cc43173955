using System.Collections.Concurrent;
using Azure.Core;

namespace Sept.Azure.Tests;

/// <summary>Returns a fixed bearer token and records every scope asked for.</summary>
public sealed class FakeTokenCredential(string token = "fake-entra-token", TimeSpan? lifetime = null) : TokenCredential
{
    readonly ConcurrentQueue<string[]> _requests = new();

    public IReadOnlyList<string[]> Requests => [.. _requests];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        _requests.Enqueue(requestContext.Scopes);
        return new AccessToken(token, DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromHours(1)));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
