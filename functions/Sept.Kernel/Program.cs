var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/kernel/status", () => Results.Ok(new { status = "idle" }));
app.Run();
