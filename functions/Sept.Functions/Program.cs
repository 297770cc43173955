using Sept.Functions.Cells;
using Sept.Functions.Exchange;
using Sept.Functions.Files;
using Sept.Functions.Hosting;
using Sept.Functions.Kernels;
using Sept.Functions.Projects;
using Sept.Functions.Realtime;
using Sept.Functions.Runs;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSept().AddLocalAdapters();

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapHealth();
app.MapProjects();
app.MapCells();
app.MapGraph();
app.MapRuns();
app.MapKernels();
app.MapRealtime();
app.MapFiles();
app.MapExchange();
app.UseWebRoot();
app.Run();
