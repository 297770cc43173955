using Sept.Functions.Cells;

namespace Sept.Functions.History;

/// <summary>Registers version history (the store adapter comes with the hosting: SQLite or Cosmos).</summary>
public static class HistoryServices
{
    public static IServiceCollection AddHistory(this IServiceCollection services)
    {
        services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.Section)
            .Validate(o => o.AutoInterval >= TimeSpan.Zero, "Sept:History:AutoInterval must not be negative.")
            .ValidateOnStart();
        services.AddHttpContextAccessor();
        services.AddSingleton<VersionHistory>();
        services.AddSingleton<VersionRestore>();
        services.AddSingleton<ICellObserver, AutoVersions>();
        return services;
    }
}
