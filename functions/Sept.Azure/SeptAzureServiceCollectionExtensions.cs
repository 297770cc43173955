using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sept.Azure.Http;
using Sept.Azure.ServiceBus;
using Sept.Azure.Sessions;
using Sept.Azure.SignalR;

namespace Sept.Azure;

public static class SeptAzureServiceCollectionExtensions
{
    /// <summary>The one HttpClient the Azure clients share (keyed service).</summary>
    public const string HttpClientKey = "Sept.Azure";

    /// <summary>
    /// Registers AzureEndpointsOptions (section Sept:Azure, validated on start) and the data-plane clients as
    /// singletons. The credential defaults to the user-assigned managed identity named by AZURE_CLIENT_ID
    /// (DefaultAzureCredential picks it up), which holds every data role (infra/src/infra.ts).
    /// </summary>
    public static IServiceCollection AddSeptAzure(
        this IServiceCollection services, TokenCredential? credential = null, AzureRetryOptions? retry = null)
    {
        services.AddOptions<AzureEndpointsOptions>()
            .BindConfiguration(AzureEndpointsOptions.Section)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AzureEndpointsOptions>, AzureEndpointsOptionsValidator>());
        services.TryAddSingleton(credential ?? new DefaultAzureCredential());
        services.TryAddKeyedSingleton(HttpClientKey, (_, _) => new HttpClient(new SocketsHttpHandler
        {
            // Long-lived client: recycle connections so DNS changes are seen.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            // Attempts time out in the resilience pipeline; kernel streams must not be cut at 100 s.
            Timeout = Timeout.InfiniteTimeSpan,
        });

        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AzureEndpointsOptions>>().Value;
            return new ServiceBusRestSender(Http(sp), sp.GetRequiredService<TokenCredential>(),
                ServiceBusQueueAddress.ForNamespace(o.ServiceBusNamespace, o.RunsQueue), retry);
        });
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AzureEndpointsOptions>>().Value;
            SignalRServiceAuth auth = o.SignalRAccessKey is { Length: > 0 } key
                ? new SignalRServiceAuth.AccessKey(key)
                : new SignalRServiceAuth.Entra(sp.GetRequiredService<TokenCredential>());
            return new SignalRServiceRestClient(Http(sp), new SignalRServiceOptions(new Uri(o.SignalREndpoint), o.SignalRHub), auth, retry);
        });
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AzureEndpointsOptions>>().Value;
            return new SessionPoolClient(Http(sp), sp.GetRequiredService<TokenCredential>(), new Uri(o.SessionPoolEndpoint), retry);
        });
        return services;
    }

    static HttpClient Http(IServiceProvider sp) => sp.GetRequiredKeyedService<HttpClient>(HttpClientKey);
}
