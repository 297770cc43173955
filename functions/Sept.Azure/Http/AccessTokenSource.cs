using Azure.Core;

namespace Sept.Azure.Http;

/// <summary>
/// Bearer tokens for one Entra scope, cached until five minutes before expiry so each request does not
/// hit the credential (managed identity endpoints are rate limited).
/// </summary>
internal sealed class AccessTokenSource(TokenCredential credential, string scope)
{
    static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);
    readonly SemaphoreSlim _gate = new(1, 1);

    // A reference swapped whole, so readers without the gate never see half of an update.
    volatile CachedToken? _cached;

    sealed record CachedToken(string Value, DateTimeOffset ExpiresOn)
    {
        public bool IsFresh => ExpiresOn - RefreshMargin > DateTimeOffset.UtcNow;
    }

    public string Scope => scope;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_cached is { IsFresh: true } fresh) return fresh.Value;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is not { IsFresh: true })
            {
                var token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken).ConfigureAwait(false);
                _cached = new CachedToken(token.Token, token.ExpiresOn);
            }
            return _cached.Value;
        }
        finally
        {
            _gate.Release();
        }
    }
}
