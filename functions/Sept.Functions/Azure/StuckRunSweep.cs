using System.Text.Json.Nodes;
using Sept.Azure.Functions;
using Sept.Functions.Projects;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Azure;

/// <summary>The "sweep" timer (POST /sweep, every minute): stuck-run recovery. A cell left "running" longer than
/// the Functions timeout, or "queued" longer than a run message lives, belongs to an invocation that died (instance
/// recycled, message dead-lettered); nothing will ever finish it, so it is marked stale and the clients told.
/// Idle kernels need no sweeping on Azure: a dynamic session is destroyed by the pool after its cooldown.
/// <para>Only projects in the active-project index (<see cref="CosmosRunLedger"/>: every queued run adds its project)
/// are read, not every project. A project whose cells are all settled (none queued or running) leaves the index;
/// the If-Match on its entry keeps it when a run was queued in the meantime.</para></summary>
public sealed class StuckRunSweep(
    IProjectStore store, NotebookReader reader, IRealtime realtime, CosmosRunLedger ledger, TimeProvider clock, ILogger<StuckRunSweep> log)
{
    /// <summary>host.json functionTimeout (30 min) plus the lock-renewal slack.</summary>
    public static readonly TimeSpan RunningTimeout = TimeSpan.FromMinutes(35);

    /// <summary>The run message's time to live plus slack: after that it was dead-lettered, not delayed.</summary>
    public static readonly TimeSpan QueuedTimeout = ServiceBusRunQueue.TimeToLive + TimeSpan.FromMinutes(5);

    public async Task<InvocationReply> HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var tick = FunctionsInvocation.ParseTimerTrigger(payload);
        if (!tick.IsValid) return new InvocationReply(StatusCodes.Status400BadRequest, "text/plain", tick.Error!);
        var now = clock.GetUtcNow();
        var recovered = 0;
        var active = await ledger.ActiveProjectsAsync(cancellationToken);
        var retired = 0;
        foreach (var project in active)
        {
            var cells = await store.ListCellsAsync(project.ProjectId, cancellationToken);
            var stuck = cells.Where(c => IsStuck(c, now)).Select(c => c.Id).ToList();
            if (stuck.Count > 0 && await reader.LoadAsync(project.ProjectId, cancellationToken) is { } loaded)
            {
                foreach (var cell in await store.SetStatesAsync(project.ProjectId, stuck, CellState.Stale, cancellationToken))
                {
                    recovered++;
                    await realtime.PublishAsync(project.ProjectId, new CellUpdated(loaded.Notebook.ToDto(cell)), cancellationToken);
                }
                log.LogWarning("Marked {Count} stuck cells of project {ProjectId} stale", stuck.Count, project.ProjectId);
            }
            var settled = cells.All(c => stuck.Contains(c.Id) || c.Run.State is not (CellState.Queued or CellState.Running));
            if (settled && await ledger.RetireAsync(project, cancellationToken)) retired++;
        }
        var response = new InvocationResponse()
            .Log($"Sweep{(tick.Value!.IsPastDue ? " (past due)" : "")}: {active.Count} active projects read, {recovered} stuck cells marked stale, {retired} projects settled.")
            .ReturnValue(new JsonObject { ["recoveredCells"] = recovered, ["activeProjects"] = active.Count, ["settledProjects"] = retired });
        return new InvocationReply(StatusCodes.Status200OK, "application/json", response.ToJson());
    }

    private static bool IsStuck(CellRecord cell, DateTimeOffset now) => cell.Run.State switch
    {
        CellState.Running => now - cell.UpdatedAt > RunningTimeout,
        CellState.Queued => now - cell.UpdatedAt > QueuedTimeout,
        _ => false,
    };
}
