using Microsoft.Extensions.DependencyInjection.Extensions;
using Sept.Functions.Storage.Sqlite;

namespace Sept.Functions.Schedules;

public static class ScheduleServices
{
    /// <summary>The schedule pipeline. The store defaults to SQLite (local); the Azure hosting registers the Cosmos
    /// store and the timer function, and no local ticker.</summary>
    public static IServiceCollection AddSchedules(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton<IScheduleStore, SqliteScheduleStore>();
        services.AddSingleton<ScheduledRun>();
        services.AddSingleton<ScheduleWebhook>();
        services.AddSingleton<ScheduleTicker>();
        services.AddHttpClient(ScheduleWebhook.ClientName, c => c.Timeout = TimeSpan.FromSeconds(10));
        if (!string.Equals(configuration["Sept:Hosting"], "Azure", StringComparison.OrdinalIgnoreCase))
            services.AddHostedService<LocalScheduleService>();
        return services;
    }
}
