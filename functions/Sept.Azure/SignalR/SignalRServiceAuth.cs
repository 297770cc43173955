using Azure.Core;

namespace Sept.Azure.SignalR;

/// <summary>How calls to SignalR Service authenticate.</summary>
public abstract record SignalRServiceAuth
{
    /// <summary>Entra ID (the default; works with disableLocalAuth). The identity needs SignalR Service Owner.</summary>
    public sealed record Entra(TokenCredential Credential) : SignalRServiceAuth;

    /// <summary>Access key from a connection string: HS256 JWTs signed locally (local auth must be on).</summary>
    public sealed record AccessKey(string Key) : SignalRServiceAuth;
}

/// <summary>The service endpoint (https://&lt;name&gt;.service.signalr.net) and the hub the app uses.</summary>
public sealed record SignalRServiceOptions(Uri Endpoint, string Hub)
{
    /// <summary>Lifetime of the access-key JWTs this client signs for its own REST calls.</summary>
    public TimeSpan ServerTokenLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Where browsers connect: {endpoint}/client/?hub={hub}.</summary>
    public string ClientUrl => $"{Endpoint.GetLeftPart(UriPartial.Authority)}/client/?hub={Uri.EscapeDataString(Hub)}";
}

/// <summary>What negotiate returns to a browser.</summary>
public sealed record SignalRClientConnection(string Url, string AccessToken);

/// <summary>A hub invocation pushed to clients: the client method name and its arguments.</summary>
public sealed record SignalRMessage(string Target, IReadOnlyList<object?> Arguments);
