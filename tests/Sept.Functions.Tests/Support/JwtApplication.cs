using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Sept.Functions.Identity;
using Sept.Functions.Kernels;

namespace Sept.Functions.Tests.Support;

/// <summary>The app in Jwt mode with the development signing key (<see cref="TestTokens"/> mints its tokens), real
/// SQLite and the scripted kernel (or real kernels, for derived fixtures). Derived fixtures may pass a kernel and extra settings.</summary>
public class JwtApplication : SeptApplication
{
    private readonly IReadOnlyDictionary<string, string> _settings;

    public JwtApplication() : this(null, null)
    {
    }

    /// <summary>For derived fixtures (xunit fixtures need exactly one public constructor).</summary>
    protected JwtApplication(Func<IServiceProvider, IKernelHost>? kernel, IReadOnlyDictionary<string, string>? settings)
        : base(kernel ?? (_ => new ScriptedKernel())) => _settings = settings ?? new Dictionary<string, string>();

    /// <summary>For derived fixtures that run cells on real kernel processes.</summary>
    protected JwtApplication(IReadOnlyDictionary<string, string>? settings)
        : base(kernel: null) => _settings = settings ?? new Dictionary<string, string>();

    /// <summary>A client that sends the user's token on every request.</summary>
    public HttpClient ClientFor(SeptUser user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = TestTokens.Header(user);
        return client;
    }

    /// <summary>A client that sends no token.</summary>
    public HttpClient Anonymous() => CreateClient();

    /// <summary>A SignalR connection (not started) to the local hub, long polling, with the user's token (none for null).</summary>
    public HubConnection HubFor(SeptUser? user) => HubWithToken(user is null ? null : TestTokens.For(user));

    public HubConnection HubWithToken(string? token) => new HubConnectionBuilder()
        .WithUrl(new Uri(Server.BaseAddress, "/api/hub"), o =>
        {
            o.HttpMessageHandlerFactory = _ => Server.CreateHandler();
            o.Transports = HttpTransportType.LongPolling;
            if (token is not null) o.AccessTokenProvider = () => Task.FromResult<string?>(token);
        })
        .Build();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Sept:Auth:Mode", "Jwt");
        builder.UseSetting("Sept:Auth:DevSigningKey", TestTokens.SigningKey);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }
}
