using Microsoft.AspNetCore.SignalR;

namespace Sept.Functions.Presence;

/// <summary>Registers presence (options "Sept:Presence"); the store (<see cref="IPresenceStore"/>) comes with the
/// hosting's adapters.</summary>
public static class PresenceServices
{
    public static IServiceCollection AddPresence(this IServiceCollection services)
    {
        services.AddOptions<PresenceOptions>().BindConfiguration(PresenceOptions.Section)
            .Validate(o => o.Ttl > TimeSpan.Zero && o.SweepInterval > TimeSpan.Zero, "Sept:Presence:Ttl and SweepInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton<PresenceTracker>();
        services.AddHostedService<PresenceSweep>();
        services.AddSingleton<PresenceHubFilter>();
        services.Configure<HubOptions>(o => o.AddFilter<PresenceHubFilter>());
        return services;
    }
}
