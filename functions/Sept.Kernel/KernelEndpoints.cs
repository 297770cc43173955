using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Kernel.Execution;
using Sept.Kernel.Formatting;
using Sept.Kernel.Protocol;
using Sept.Kernel.Sql;

namespace Sept.Kernel;

/// <summary>The kernel's HTTP surface (see docs/kernel.md).</summary>
internal static class KernelEndpoints
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static IEndpointRouteBuilder MapKernelEndpoints(this IEndpointRouteBuilder routes)
    {
        var kernel = routes.MapGroup("/kernel");
        kernel.MapPost("/execute", Execute);
        kernel.MapPost("/interrupt", (KernelRuntime runtime) => TypedResults.Ok(runtime.Interrupt()));
        kernel.MapGet("/status", (KernelRuntime runtime) => TypedResults.Ok(runtime.Status()));
        kernel.MapPost("/forget", Forget);
        kernel.MapGet("/table", Table);
        kernel.MapPost("/values", (ValuesRequest? request, NotebookValues values) => request?.Bindings is null
            ? Results.Problem("bindings is required.", statusCode: 400)
            : Results.Ok(ParameterValues.Read(values, request.Bindings)));
        kernel.MapPost("/warmup", Warmup);
        return routes;
    }

    private static async Task Execute(HttpContext http, KernelRuntime runtime, CancellationToken ct)
    {
        ExecuteRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync(http.Request.Body, ProtocolJson.Default.ExecuteRequest, ct);
        }
        catch (JsonException e)
        {
            await Problem(http, StatusCodes.Status400BadRequest, "Invalid execute request", e.Message);
            return;
        }
        var rejection = request is null ? "Empty body." : ExecuteRequestCheck.Validate(request);
        if (rejection is not null)
        {
            await Problem(http, StatusCodes.Status400BadRequest, "Invalid execute request", rejection);
            return;
        }
        // A missing bindings object means the cell reads nothing.
        request = request! with { Bindings = request.Bindings ?? new Dictionary<string, string>() };
        if (!runtime.Admit(request.Generation))
        {
            await Problem(http, StatusCodes.Status409Conflict, "Stale generation",
                $"Generation {request.Generation} is older than {runtime.Generation}.");
            return;
        }

        http.Response.ContentType = "application/x-ndjson";
        await http.Response.StartAsync(ct);
        var events = runtime.Execute(request);
        try
        {
            await foreach (var e in events.ReadAllAsync(ct))
            {
                var line = JsonSerializer.SerializeToUtf8Bytes(e, ProtocolJson.Default.KernelEvent);
                await http.Response.Body.WriteAsync(line, ct);
                await http.Response.Body.WriteAsync(NewLine, ct);
                // Batch lines that are already queued; flush when the queue is drained so chunks arrive while the cell runs.
                if (events.Count == 0) await http.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away; the run finishes on its own.
        }
    }

    private static async Task<Results<Ok, ProblemHttpResult>> Forget(ForgetRequest? request, KernelRuntime runtime)
    {
        if (request?.CellIds is null) return TypedResults.Problem("cellIds is required.", statusCode: 400);
        await runtime.ForgetAsync(request.CellIds);
        return TypedResults.Ok();
    }

    private static Results<Ok<TablePage>, NotFound, ProblemHttpResult> Table(
        string? cellId, int? offset, int? limit, TableStore tables)
    {
        if (string.IsNullOrEmpty(cellId)) return TypedResults.Problem("cellId is required.", statusCode: 400);
        if (offset < 0 || limit is < 1 or > 10_000)
            return TypedResults.Problem("offset must be >= 0 and limit in 1..10000.", statusCode: 400);
        var page = tables.Page(cellId, offset ?? 0, limit ?? 100);
        return page is null ? TypedResults.NotFound() : TypedResults.Ok(page);
    }

    private static async Task<Ok<KernelStatus>> Warmup(KernelRuntime runtime, CancellationToken ct)
    {
        await runtime.WarmUpAsync(ct);
        return TypedResults.Ok(runtime.Status());
    }

    private static Task Problem(HttpContext http, int status, string title, string detail) =>
        TypedResults.Problem(detail, title: title, statusCode: status).ExecuteAsync(http);
}
