using System.Text.Json;
using Azure.Core;
using Microsoft.Extensions.Options;
using Sept.Azure;
using Sept.Azure.SignalR;
using Sept.Functions.Hosting;
using Sept.Functions.Kernels;
using Sept.Functions.Runs;
using Sept.Functions.Storage;
using Sept.Functions.Storage.Blob;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Telemetry;
using Sept.Kernel.Hosting;

namespace Sept.Functions.Azure;

/// <summary>Picks the adapters: "Sept:Hosting" = Local (default: SQLite, folder, in-process queue, hub, kernel
/// processes) or Azure (Cosmos DB, Blob, Service Bus, SignalR Service, plus the Functions trigger endpoints).</summary>
public static class SeptHosting
{
    public const string HostingKey = "Sept:Hosting";

    /// <summary>Azure only: "SessionPool" (default) or "Local" (kernel child processes on the Functions instance,
    /// configured like local hosting by the Sept:Kernel section).</summary>
    public const string KernelHostKey = "Sept:KernelHost";

    public static IServiceCollection AddSeptHosting(this IServiceCollection services, IConfiguration configuration)
    {
        var hosting = configuration[HostingKey] ?? "Local";
        if (string.Equals(hosting, "Azure", StringComparison.OrdinalIgnoreCase)) return services.AddAzureAdapters(configuration);
        if (string.Equals(hosting, "Local", StringComparison.OrdinalIgnoreCase)) return services.AddLocalAdapters(configuration);
        throw new InvalidOperationException($"{HostingKey} must be Local or Azure, not '{hosting}'.");
    }

    /// <summary>The Azure adapters. Endpoints come from Sept:Azure (validated at start, see AzureEndpointsOptions);
    /// the identity is DefaultAzureCredential (AZURE_CLIENT_ID names the app's user-assigned identity).
    /// Sept:Cosmos and Sept:Blob may add emulator settings (keys, CreateIfMissing). Kernels run in the session pool;
    /// "Sept:KernelHost" = Local keeps them as child processes of the instance instead.</summary>
    public static IServiceCollection AddAzureAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CosmosStoreOptions>().BindConfiguration(CosmosStoreOptions.Section);
        services.AddOptions<BlobOutputOptions>().BindConfiguration(BlobOutputOptions.Section);
        // Our SignalR client first: the realtime events need the app's JSON (camelCase, enums as strings).
        services.AddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AzureEndpointsOptions>>().Value;
            SignalRServiceAuth auth = o.SignalRAccessKey is { Length: > 0 } key
                ? new SignalRServiceAuth.AccessKey(key)
                : new SignalRServiceAuth.Entra(sp.GetRequiredService<TokenCredential>());
            var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
            SeptServices.Configure(json);
            return new SignalRServiceRestClient(sp.GetRequiredKeyedService<HttpClient>(SeptAzureServiceCollectionExtensions.HttpClientKey),
                new SignalRServiceOptions(new Uri(o.SignalREndpoint), o.SignalRHub), auth, json: json);
        });
        services.AddSeptAzure();

        services.AddSingleton(sp => CosmosNotebook.CreateClient(CosmosOptions(sp), sp.GetRequiredService<TokenCredential>()));
        // Resolved on first use; creating the database and container (emulators only) is the one blocking call.
        services.AddSingleton(sp => CosmosNotebook.OpenAsync(
            sp.GetRequiredService<Microsoft.Azure.Cosmos.CosmosClient>(), CosmosOptions(sp), CancellationToken.None).GetAwaiter().GetResult());
        services.AddSingleton<IProjectStore, CosmosProjectStore>();
        services.AddSingleton<Workspaces.IWorkspaceStore, CosmosWorkspaceStore>();
        services.AddSingleton<Comments.ICommentStore, CosmosCommentStore>();
        services.AddSingleton<Assistant.IAssistantStore, CosmosAssistantStore>();
        // Cosmos collects abandoned presence documents after twice the TTL; reads filter by lastSeen before that.
        services.AddSingleton<Presence.IPresenceStore>(sp => new CosmosPresenceStore(sp.GetRequiredService<Microsoft.Azure.Cosmos.Container>(),
            sp.GetRequiredService<IOptions<Presence.PresenceOptions>>().Value.Ttl * 2));
        services.AddSingleton<History.IVersionStore, CosmosVersionStore>();
        services.AddSingleton<Connections.IConnectionStore, CosmosConnectionStore>();
        services.AddSingleton<IOutputStore>(sp =>
        {
            var options = BlobOptions(sp);
            var container = options.CreateContainerClient(sp.GetRequiredService<TokenCredential>());
            if (options.CreateIfMissing) container.CreateIfNotExists();
            return new BlobOutputStore(container);
        });
        services.AddSingleton<IRunQueue, ServiceBusRunQueue>();
        services.AddSingleton<Realtime.IRealtime, SignalRServiceRealtime>();
        if (string.Equals(configuration[KernelHostKey], "Local", StringComparison.OrdinalIgnoreCase))
        {
            services.AddLocalKernelHost(configuration);
            services.AddSingleton<IStartupFilter, SandboxedLocalKernelsOnly>();
        }
        else
        {
            services.AddSingleton<CosmosKernelOwnership>();
            services.AddSingleton<KernelRestoreHandler>();
            services.AddSingleton<IKernelHost>(sp => new SessionPoolKernelHost(
                new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, sp.GetRequiredService<TokenCredential>(),
                new Uri(sp.GetRequiredService<IOptions<AzureEndpointsOptions>>().Value.SessionPoolEndpoint),
                sp.GetRequiredService<Sept.Azure.Sessions.SessionPoolClient>(), sp.GetRequiredService<CosmosKernelOwnership>(),
                sp.GetRequiredService<IOutputStore>(), sp.GetRequiredService<SeptTelemetry>(), sp.GetRequiredService<ILogger<SessionPoolKernelHost>>(),
                sp.GetRequiredService<KernelRestoreHandler>().KernelReplacedAsync));
        }
        services.AddSingleton<IStartupFilter, SignalRNegotiateRoute>();
        return services.AddFunctionsTriggers();
    }

    /// <summary>Kernel child processes on an Azure instance would otherwise see its managed identity (IDENTITY_ENDPOINT,
    /// the instance metadata service) and the loopback /runs and /sweep routes: the app refuses to start unless they
    /// run sandboxed without network (docs/security.md).</summary>
    private sealed class SandboxedLocalKernelsOnly(KernelPool pool) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next)
        {
            if (!pool.Sandbox.Active || pool.Sandbox.Network)
                throw new InvalidOperationException($"{KernelHostKey} = Local on Azure hosting needs the kernel sandbox without network " +
                    $"(kernels would reach the managed identity and the /runs and /sweep routes); here it is '{pool.Sandbox.Description}'. " +
                    "Use the session pool, or install bubblewrap and leave Sept:Kernel:Process:AllowNetwork off.");
            return next;
        }
    }

    /// <summary>POST /runs and POST /sweep, the invocation endpoints of the "runs" and "sweep" functions. Both use
    /// <see cref="CosmosRunLedger"/>, so the Cosmos "notebook" <see cref="Microsoft.Azure.Cosmos.Container"/> must be registered.</summary>
    public static IServiceCollection AddFunctionsTriggers(this IServiceCollection services)
    {
        services.AddSingleton<CosmosRunLedger>();
        services.AddSingleton<RunInvocation>();
        services.AddSingleton<StuckRunSweep>();
        services.AddSingleton<Schedules.IScheduleStore, CosmosScheduleStore>();
        services.AddSingleton<ScheduleTimer>();
        services.AddSingleton<IStartupFilter, FunctionsTriggerRoutes>();
        return services;
    }

    // Where the services are comes from Sept:Azure (validated at start); Sept:Cosmos / Sept:Blob only add how to reach
    // an emulator.
    private static CosmosStoreOptions CosmosOptions(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<CosmosStoreOptions>>().Value;
        var azure = services.GetRequiredService<IOptions<AzureEndpointsOptions>>().Value;
        options.Endpoint = azure.CosmosEndpoint;
        options.Database = azure.CosmosDatabase;
        return options;
    }

    private static BlobOutputOptions BlobOptions(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<BlobOutputOptions>>().Value;
        var azure = services.GetRequiredService<IOptions<AzureEndpointsOptions>>().Value;
        options.ServiceUri = azure.BlobEndpoint;
        options.Container = azure.OutputsContainer;
        return options;
    }
}
