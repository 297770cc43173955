using Sept.Functions.Assistant;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Sept.Functions.Cells;
using Sept.Functions.Comments;
using Sept.Functions.Connections;
using Sept.Functions.History;
using Sept.Functions.Identity;
using Sept.Functions.Kernels;
using Sept.Functions.Presence;
using Sept.Functions.Projects;
using Sept.Functions.Realtime;
using Sept.Functions.Runs;
using Sept.Functions.Storage;
using Sept.Functions.Storage.Local;
using Sept.Functions.Storage.Sqlite;
using Sept.Functions.Telemetry;
using Sept.Functions.Workspaces;
using Sept.Kernel.Hosting;

namespace Sept.Functions.Hosting;

/// <summary>Registers the app: options, JSON, problem details, domain services and the local adapters.</summary>
public static class SeptServices
{
    public static IServiceCollection AddSept(this IServiceCollection services)
    {
        services.AddOptions<SeptOptions>().BindConfiguration(SeptOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataDirectory), "Sept:DataDirectory is required.")
            .ValidateOnStart();
        services.ConfigureHttpJsonOptions(o => Configure(o.SerializerOptions));
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddProblemDetails();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.AddSignalR().AddJsonProtocol(o => Configure(o.PayloadSerializerOptions));
        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<SeptTelemetry>();

        services.AddSingleton<ProjectPackages>();
        services.AddSingleton<NotebookAnalysis>();
        services.AddSingleton<ICellObserver, AnalysisCacheObserver>();
        services.AddSingleton<NotebookReader>();
        services.AddSingleton<CellStates>();
        services.AddSingleton<CellCommands>();
        services.AddSingleton<ProjectWriteGate>();
        services.AddSingleton<RunStarter>();
        services.AddSingleton<RunExecutor>();
        services.AddSingleton<KernelRestarter>();
        services.AddSingleton<HubConnections>();
        services.AddSeptIdentity();
        services.AddSeptRequestLimits();
        services.AddHostedService<AnalysisWarmUp>();
        services.AddComments().AddPresence();
        services.AddHistory();
        services.AddDataConnections();
        services.AddAssistant();
        return services;
    }

    /// <summary>The local adapters: SQLite, a folder, the in-process queue, the SignalR hub and the kernel pool
    /// (its options from "Sept:Kernel", e.g. Sept:Kernel:WarmKernels).</summary>
    public static IServiceCollection AddLocalAdapters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => new SqliteDatabase(Path.Combine(DataDirectory(sp), "sept.db")));
        services.AddSingleton<IProjectStore, SqliteProjectStore>();
        services.AddSingleton<IWorkspaceStore, SqliteWorkspaceStore>();
        services.AddSingleton<IVersionStore, SqliteVersionStore>();
        services.AddSingleton<IConnectionStore, SqliteConnectionStore>();
        services.AddSingleton<IOutputStore>(sp => new FolderOutputStore(Path.Combine(DataDirectory(sp), "outputs")));
        services.AddSingleton<InProcessRunQueue>();
        services.AddSingleton<IRunQueue>(sp => sp.GetRequiredService<InProcessRunQueue>());
        services.AddHostedService(sp => sp.GetRequiredService<InProcessRunQueue>());
        services.AddSingleton<IRealtime, HubRealtime>();
        services.AddSingleton<ICommentStore, SqliteCommentStore>();
        services.AddSingleton<Assistant.IAssistantStore, SqliteAssistantStore>();
        services.AddSingleton<IPresenceStore, InMemoryPresenceStore>();
        return services.AddLocalKernelHost(configuration);
    }

    /// <summary>Kernels as child processes from a warm pool (options from "Sept:Kernel").</summary>
    public static IServiceCollection AddLocalKernelHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddKernelPool(o =>
        {
            configuration.GetSection($"{SeptOptions.Section}:Kernel").Bind(o);
            // Slots beside the projects' files folders, so adopting one is a rename (KernelProcess.AdoptFiles).
            o.Process.SlotsDirectory ??= Path.GetFullPath(Path.Combine(
                configuration[$"{SeptOptions.Section}:{nameof(SeptOptions.DataDirectory)}"] ?? new SeptOptions().DataDirectory, "kernel-slots"));
        });
        services.AddSingleton<KernelRestoreHandler>();
        services.AddSingleton<IKernelHost, LocalKernelHost>();
        return services;
    }

    /// <summary>The app's JSON settings (HTTP, SignalR, queue messages): camelCase, lowercase enums, ids as text.</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new CellIdJsonConverter());
        options.Converters.Add(new ProjectIdJsonConverter());
    }

    private static string DataDirectory(IServiceProvider services) =>
        Path.GetFullPath(services.GetRequiredService<IOptions<SeptOptions>>().Value.DataDirectory);
}
