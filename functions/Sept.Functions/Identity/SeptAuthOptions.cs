namespace Sept.Functions.Identity;

/// <summary>How callers sign in: Local (everyone is <see cref="SeptUser.Local"/>) or Jwt.</summary>
public enum AuthMode
{
    Local,
    Jwt,
}

/// <summary>Configuration section "Sept:Auth". Jwt mode validates Entra ID tokens (Authority + Audience), or, when
/// <see cref="DevSigningKey"/> is set, HS256 tokens signed with that key (tests, local multi-user demos).</summary>
public sealed class SeptAuthOptions
{
    public const string Section = "Sept:Auth";

    public AuthMode Mode { get; set; } = AuthMode.Local;

    /// <summary>Entra: https://login.microsoftonline.com/{tenantId}/v2.0 (metadata and signing keys come from it).</summary>
    public string? Authority { get; set; }

    /// <summary>The accepted "aud" (several may be given, space separated). Dev-key mode: default "sept".</summary>
    public string? Audience { get; set; }

    /// <summary>The SPA's client id, handed to the web UI for MSAL.</summary>
    public string? ClientId { get; set; }

    /// <summary>Scopes the SPA asks for, space separated.</summary>
    public string? Scopes { get; set; }

    /// <summary>Base64 HMAC key; when set, Jwt mode accepts HS256 tokens from <see cref="Issuer"/> instead of Entra.</summary>
    public string? DevSigningKey { get; set; }

    /// <summary>The "iss" of dev-key tokens.</summary>
    public string Issuer { get; set; } = "sept-dev";

    public bool UsesDevKey => Mode == AuthMode.Jwt && !string.IsNullOrWhiteSpace(DevSigningKey);

    public string DevAudience => string.IsNullOrWhiteSpace(Audience) ? "sept" : Audience;

    /// <summary>Null when the settings can serve requests, else what is missing.</summary>
    public string? Problem()
    {
        if (Mode == AuthMode.Local) return null;
        if (UsesDevKey)
        {
            try
            {
                return Convert.FromBase64String(DevSigningKey!).Length >= 32 ? null : "Sept:Auth:DevSigningKey must be at least 32 bytes (base64).";
            }
            catch (FormatException)
            {
                return "Sept:Auth:DevSigningKey must be base64.";
            }
        }
        return string.IsNullOrWhiteSpace(Authority) || string.IsNullOrWhiteSpace(Audience)
            ? "Sept:Auth:Mode = Jwt needs Sept:Auth:Authority and Sept:Auth:Audience (Entra ID), or Sept:Auth:DevSigningKey."
            : null;
    }
}
