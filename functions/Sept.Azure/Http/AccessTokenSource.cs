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
    AccessToken _token;

    public string Scope => scope;

    public async ValueTask<string> GetAsync(CancellationToken cancellationToken)
    {
        if (IsFresh(_token)) return _token.Token;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!IsFresh(_token))
                _token = await credential.GetTokenAsync(new TokenRequestContext([scope]), cancellationToken).ConfigureAwait(false);
            return _token.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    static bool IsFresh(AccessToken token) =>
        token.Token is { Length: > 0 } && token.ExpiresOn - RefreshMargin > DateTimeOffset.UtcNow;
}
