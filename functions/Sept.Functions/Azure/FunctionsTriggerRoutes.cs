namespace Sept.Functions.Azure;

/// <summary>The invocation endpoints of the Functions host's non-HTTP functions (azure.md §1.2): the host POSTs
/// the invocation payload to /{functionName}, here "runs" (Service Bus), "sweep" and "schedules" (timers). Added as a startup
/// filter so the app's Program.cs needs no Azure-specific mapping; they answer before the app's own routes.
/// They are anonymous on purpose (they branch off before authentication): only the Functions host reaches them, on
/// the custom handler's loopback port (FUNCTIONS_CUSTOMHANDLER_PORT, bound to 127.0.0.1); public HTTP goes through
/// the host's "api" proxy function, which forwards /api/... only.</summary>
internal sealed class FunctionsTriggerRoutes : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        Invocation(app, "/runs", (services, payload, ct) => services.GetRequiredService<RunInvocation>().HandleAsync(payload, ct));
        Invocation(app, "/sweep", (services, payload, ct) => services.GetRequiredService<StuckRunSweep>().HandleAsync(payload, ct));
        Invocation(app, "/schedules", (services, payload, ct) => services.GetRequiredService<ScheduleTimer>().HandleAsync(payload, ct));
        next(app);
    };

    private static void Invocation(
        IApplicationBuilder app, string path, Func<IServiceProvider, ReadOnlyMemory<byte>, CancellationToken, Task<InvocationReply>> handle) =>
        app.MapWhen(c => HttpMethods.IsPost(c.Request.Method) && c.Request.Path.Equals(path, StringComparison.OrdinalIgnoreCase),
            branch => branch.Run(async context =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body, context.RequestAborted);
                var reply = await handle(context.RequestServices, body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted);
                context.Response.StatusCode = reply.StatusCode;
                context.Response.ContentType = reply.ContentType;
                await context.Response.WriteAsync(reply.Body, context.RequestAborted);
            }));
}
