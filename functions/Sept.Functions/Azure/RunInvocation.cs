using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Sept.Azure;
using Sept.Azure.Functions;
using Sept.Functions.Projects;
using Sept.Functions.Realtime;
using Sept.Functions.Runs;
using Sept.Functions.Storage;
using Sept.Functions.Telemetry;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Azure;

/// <summary>What the custom handler answers the Functions host: a status and a body.</summary>
public sealed record InvocationReply(int StatusCode, string ContentType, string Body);

/// <summary>Handles one delivery of the "runs" Service Bus trigger (POST /runs, azure.md §1.3/§2.2).
/// <list type="bullet">
/// <item>A payload or message that cannot be decoded is answered 400: the host fails the invocation, Service Bus
/// redelivers it and dead-letters it after maxDeliveryCount, where it can be inspected.</item>
/// <item>Cell errors are results, stored on the cells: 200.</item>
/// <item>Infrastructure failures (store, kernel host unreachable) are answered 500 so the message is redelivered.</item>
/// <item>Redelivery is idempotent: a cell that already has a run record of this run id is not executed again;
/// the rest of the run continues where it stopped (cells below a failed one stay skipped).</item>
/// <item>A run that a newer run of the same cells replaced while it waited does nothing (the replacement was
/// already reported with runFinished/supersededBy when it was queued): 200.</item>
/// </list></summary>
public sealed class RunInvocation(
    IProjectStore store, RunExecutor executor, NotebookReader reader, IRealtime realtime, CosmosRunLedger ledger, SeptTelemetry telemetry,
    IOptions<AzureEndpointsOptions> azure, ILogger<RunInvocation> log)
{
    public async Task<InvocationReply> HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var delivery = FunctionsInvocation.ParseServiceBusTrigger(payload);
        // An undecodable payload has no DeliveryCount to read; count it as a first attempt.
        if (!delivery.IsValid) return Rejected(delivery.Error!, deliveryCount: 1);
        var deliveryCount = delivery.Value!.DeliveryCount;
        var (request, problem) = RunMessage.Parse(delivery.Value.Body);
        if (request is null) return Rejected(problem!, deliveryCount);
        if (delivery.Value.SessionId is { } session && session != request.ProjectId.ToString())
            return Rejected($"Session {session} does not match the run's project {request.ProjectId}.", deliveryCount);

        var response = new InvocationResponse();
        try
        {
            if (await ledger.ClaimAsync(request, cancellationToken) is RunClaim.Superseded superseded)
            {
                response.Log($"Run {request.RunId} was superseded by {superseded.By} before it started; nothing to do.");
                return Done(response, request.RunId, executed: 0);
            }
            var remaining = await RemainingAsync(request, cancellationToken);
            if (remaining.Cells.Count == 0)
            {
                response.Log($"Run {request.RunId} was already executed (delivery {delivery.Value.DeliveryCount}); nothing to do.");
                return Done(response, request.RunId, executed: 0);
            }
            await executor.ExecuteAsync(remaining, cancellationToken);
            response.Log($"Run {request.RunId}: executed {remaining.Cells.Count} of {request.Cells.Count} cells (delivery {delivery.Value.DeliveryCount}).");
            return Done(response, request.RunId, remaining.Cells.Count);
        }
        catch (Exception e)
        {
            log.LogError(e, "Run {RunId} of project {ProjectId} failed; the message will be redelivered", request.RunId, request.ProjectId);
            telemetry.DeliveryFailed(RunFailure.Infrastructure, deliveryCount, azure.Value.RunsMaxDeliveryCount);
            return new InvocationReply(StatusCodes.Status500InternalServerError, "text/plain", $"Run {request.RunId} failed: {e.Message}");
        }
    }

    /// <summary>The run without the cells a previous delivery finished. Cells below a finished cell that did not
    /// succeed, and every cell after an interrupted one, are not run: they are marked stale as
    /// <see cref="RunExecutor"/> would have done.</summary>
    private async Task<RunRequest> RemainingAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var notOk = new HashSet<CellId>();
        var remaining = new List<PlannedRun>();
        var skipped = new List<CellId>();
        var finishedAny = false;
        var interrupted = false;
        foreach (var planned in request.Cells)
        {
            var runs = await store.ListRunsAsync(request.ProjectId, planned.CellId, cancellationToken);
            if (runs.FirstOrDefault(r => r.RunId == request.RunId) is { } finished)
            {
                finishedAny = true;
                if (finished.Status != RunStatus.Success) notOk.Add(planned.CellId);
                interrupted |= finished.Status == RunStatus.Cancelled;
            }
            else if (interrupted || planned.DependsOn.Any(notOk.Contains))
            {
                notOk.Add(planned.CellId);
                skipped.Add(planned.CellId);
            }
            else
            {
                remaining.Add(planned);
            }
        }
        if (!finishedAny) return request;
        if (skipped.Count > 0 && await reader.LoadAsync(request.ProjectId, cancellationToken) is { } loaded)
            foreach (var cell in await store.SetStatesAsync(request.ProjectId, skipped, CellState.Stale, cancellationToken))
                await realtime.PublishAsync(request.ProjectId, new CellUpdated(loaded.Notebook.ToDto(cell)), cancellationToken);
        return request with { Cells = remaining };
    }

    private static InvocationReply Done(InvocationResponse response, string runId, int executed) =>
        new(StatusCodes.Status200OK, "application/json",
            response.ReturnValue(new JsonObject { ["runId"] = runId, ["executedCells"] = executed }).ToJson());

    private InvocationReply Rejected(string problem, int deliveryCount)
    {
        log.LogWarning("Rejected a runs invocation: {Problem}", problem);
        telemetry.DeliveryFailed(RunFailure.Rejected, deliveryCount, azure.Value.RunsMaxDeliveryCount);
        return new InvocationReply(StatusCodes.Status400BadRequest, "text/plain", problem);
    }
}
