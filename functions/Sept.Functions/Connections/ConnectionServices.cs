using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;
using Sept.Functions.Hosting;

namespace Sept.Functions.Connections;

public static class ConnectionServices
{
    /// <summary>Connections, their dialects and the Data Protection key ring (in Sept:Connections:KeysDirectory, default
    /// the data directory's "keys" folder: outside the database).</summary>
    public static IServiceCollection AddDataConnections(this IServiceCollection services)
    {
        services.AddOptions<ConnectionOptions>().BindConfiguration(ConnectionOptions.Section)
            .Validate(o => o.MaxRows > 0 && o.QueryTimeoutSeconds > 0 && o.ConnectTimeoutSeconds > 0,
                "Sept:Connections:MaxRows, QueryTimeoutSeconds and ConnectTimeoutSeconds must be positive.");
        services.AddDataProtection().SetApplicationName("Sept");
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<SeptOptions>, IOptions<ConnectionOptions>, ILoggerFactory>(
            (keys, sept, connections, logs) => keys.XmlRepository = new FileSystemXmlRepository(
                new DirectoryInfo(Path.GetFullPath(connections.Value.KeysDirectory ?? Path.Combine(sept.Value.DataDirectory, "keys"))), logs));
        services.AddSingleton<IConnectionDialect, PostgresDialect>();
        services.AddSingleton<IConnectionDialect, SqlServerDialect>();
        services.AddSingleton<IConnectionDialect, MySqlDialect>();
        services.AddSingleton<ConnectionSecrets>();
        services.AddSingleton<ConnectionQueries>();
        services.AddSingleton<ConnectionSchemas>();
        services.AddSingleton<ConnectionRuns>();
        services.AddSingleton<ConnectionCells>();
        return services;
    }
}
