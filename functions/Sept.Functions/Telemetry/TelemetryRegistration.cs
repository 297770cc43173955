using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Sept.Functions.Telemetry;

/// <summary>OpenTelemetry for the app: Sept's source and meter plus ASP.NET Core, HttpClient and runtime
/// instrumentation. Exporters: the console when Sept:Telemetry:Console is true (off by default so local logs stay
/// readable), Azure Monitor when APPLICATIONINSIGHTS_CONNECTION_STRING is set (infra provisions Application
/// Insights with local auth off, so it authenticates as the app identity: AZURE_CLIENT_ID).</summary>
public static class TelemetryRegistration
{
    public const string ConsoleSetting = "Sept:Telemetry:Console";
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static IServiceCollection AddSeptTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SeptTelemetry>();
        var otel = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("sept"))
            .WithTracing(t => t.AddSource(SeptTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(m => m.AddMeter(SeptTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation());

        if (configuration.GetValue<bool>(ConsoleSetting))
        {
            otel.WithTracing(t => t.AddConsoleExporter())
                .WithMetrics(m => m.AddConsoleExporter())
                .WithLogging(l => l.AddConsoleExporter());
        }
        if (configuration[ConnectionStringSetting] is { Length: > 0 } connectionString)
        {
            otel.UseAzureMonitorExporter(o =>
            {
                o.ConnectionString = connectionString;
                o.Credential = new DefaultAzureCredential();
            });
        }
        return services;
    }
}
