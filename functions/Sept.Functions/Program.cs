using Sept.Functions.Assistant;
using Sept.Functions.Azure;
using Sept.Functions.Cells;
using Sept.Functions.Comments;
using Sept.Functions.Editor;
using Sept.Functions.Demo;
using Sept.Functions.Connections;
using Sept.Functions.Exchange;
using Sept.Functions.Files;
using Sept.Functions.History;
using Sept.Functions.Hosting;
using Sept.Functions.Identity;
using Sept.Functions.Kernels;
using Sept.Functions.Locks;
using Sept.Functions.Mcp;
using Sept.Functions.Presence;
using Sept.Functions.Projects;
using Sept.Functions.Publishing;
using Sept.Functions.Realtime;
using Sept.Functions.Runs;
using Sept.Functions.Schedules;
using Sept.Functions.Telemetry;
using Sept.Functions.Workspaces;

var builder = WebApplication.CreateBuilder(args);
// As an Azure Functions custom handler the host tells us the port.
if (Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT") is { Length: > 0 } port)
    builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
builder.Services.AddSept().AddSeptHosting(builder.Configuration).AddSeptTelemetry(builder.Configuration);
builder.Services.AddEditor();
builder.Services.AddSeptMcp();
// Issue 19 features, each in its own folder.
builder.Services.AddCellLocks().AddDemoProject(builder.Configuration).AddPublishing().AddSchedules(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseSecurityHeaders();
app.UseLocalRequestGuard();
// Static files before routing, so the SPA fallback endpoint does not shadow real files.
app.UseWebRoot();
app.UseRouting();
app.UseAuthentication();
app.UseAuthorization();
app.UseSeptRequestLimits();
app.MapHealth();
app.MapIdentity();
app.MapWorkspaces();
app.MapProjects();
app.MapCells();
app.MapGraph();
app.MapRuns();
app.MapKernels();
app.MapRealtime();
app.MapFiles();
app.MapExchange();
app.MapComments();
app.MapAssistant();
app.MapPresence();
app.MapVersions();
app.MapEditor();
app.MapCellLocks();
app.MapPublishing();
app.MapSchedules();
app.MapDataConnections();
app.MapSeptMcp();
app.Run();
