using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Sept.Kernel;
using Sept.Kernel.Execution;
using Sept.Kernel.Output;

// Captured before the console is routed to cells: the ready line and kernel diagnostics go here.
var processOut = Console.Out;
ConsoleRouter.Install();

var builder = WebApplication.CreateSlimBuilder(args);
if (Environment.GetEnvironmentVariable("SEPT_KERNEL_LOG") is null) builder.Logging.ClearProviders();
builder.Services.AddProblemDetails();
builder.Services.AddOptions<KernelOptions>().BindConfiguration("Kernel");
builder.Services.AddKernelRuntime();

var app = builder.Build();
app.UseKernelAccess();
app.MapKernelEndpoints();
app.MapFileEndpoints();
FileEndpoints.EnterFilesDirectory(app.Services);
await app.StartAsync();

var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
await processOut.WriteLineAsync($"SEPT_KERNEL_READY {address}");
await processOut.FlushAsync();

// Warm Roslyn and DuckDB in the background so the first cell is fast; /kernel/warmup awaits it.
_ = app.Services.GetRequiredService<KernelRuntime>().WarmUpAsync(app.Lifetime.ApplicationStopping);
ParentWatch.Start(builder.Configuration["parent-pid"], app.Lifetime);
ParentWatch.WatchStandardInput(builder.Configuration["parent-stdin"]);

await app.WaitForShutdownAsync();
