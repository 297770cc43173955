using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using Sept.Functions.Runs;
using Sept.Functions.Storage.Cosmos;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Azure;

/// <summary>What the Service Bus run queue remembers in Cosmos DB, because a sent message cannot be withdrawn:
/// <list type="bullet">
/// <item>Per project and set of cells, the newest queued run ("queued:&lt;hash of the cell ids&gt;", pending until
/// its delivery claims it). A newer run of the same cells replaces a pending one and leaves a marker
/// "superseded:&lt;runId&gt;", so the older message does nothing when it is delivered — the same outcome as the local
/// queue dropping it from its lane.</item>
/// <item>The projects that have queued runs (partition "_active", id = projectId), so the sweep reads only those.</item>
/// </list>
/// Every change is a create or an If-Match replace: a 412/409 means someone else wrote in between, so the step is
/// read again and retried. Ordering keeps it consistent without batches: the marker is written before the slot
/// moves on, and removed again when the slot could not be taken.</summary>
public sealed class CosmosRunLedger(Container container, TimeProvider clock)
{
    /// <summary>The partition of the active-project index.</summary>
    public const string ActivePartition = "_active";

    private const int MaxAttempts = 20;
    private const string Pending = "pending";
    private const string Started = "started";

    /// <summary>Slots and markers outlive the message they describe (time to live 1 h) with slack, then Cosmos
    /// removes them (the container has TTL on, per item); every write of a slot restarts its clock.</summary>
    private static readonly int TtlSeconds = (int)(ServiceBusRunQueue.TimeToLive + TimeSpan.FromHours(1)).TotalSeconds;

    private readonly CosmosItems _items = new(container);

    /// <summary>Records <paramref name="request"/> as the pending run of its cells and marks its project active.
    /// Returns the pending run of the same cells it replaced (that run's message will do nothing), or null.</summary>
    public async Task<RunRequest?> QueueAsync(RunRequest request, CancellationToken cancellationToken)
    {
        await MarkActiveAsync(request.ProjectId, cancellationToken);
        var partition = request.ProjectId.ToString();
        var slotId = SlotId(request);
        var mine = QueuedRunDocument.Of(slotId, request, Pending, clock.GetUtcNow(), TtlSeconds);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var slot = await _items.ReadAsync<QueuedRunDocument>(partition, slotId, cancellationToken);
            if (slot is null)
            {
                if (await _items.CreateAsync(partition, mine, cancellationToken) == HttpStatusCode.Created) return null;
                continue;
            }
            if (slot.RunId == request.RunId) return null;
            if (slot.State != Pending)
            {
                if (await _items.ReplaceAsync(partition, slotId, mine, slot.ETag!, cancellationToken) == HttpStatusCode.OK) return null;
                continue;
            }
            var marker = new SupersededRunDocument(MarkerId(slot.RunId), partition, "supersededRun", slot.RunId, request.RunId, TtlSeconds);
            await _items.UpsertAsync(partition, marker, cancellationToken);
            if (await _items.ReplaceAsync(partition, slotId, mine, slot.ETag!, cancellationToken) == HttpStatusCode.OK)
                return slot.ToRequest();
            // The pending run was claimed (or replaced) in between: it is not superseded by this one.
            await _items.DeleteAsync(partition, marker.Id, cancellationToken);
        }
        throw new CosmosStoreException($"The queued run of project {request.ProjectId} kept changing; run {request.RunId} was not recorded.");
    }

    /// <summary>The send of <paramref name="request"/> failed: puts back the run it replaced (best effort; when the
    /// slot moved on since, it is left alone).</summary>
    public async Task UnqueueAsync(RunRequest request, RunRequest? replaced, CancellationToken cancellationToken)
    {
        var partition = request.ProjectId.ToString();
        var slotId = SlotId(request);
        if (await _items.ReadAsync<QueuedRunDocument>(partition, slotId, cancellationToken) is not { } slot
            || slot.RunId != request.RunId || slot.State != Pending) return;
        if (replaced is null)
        {
            using var deleted = await container.DeleteItemStreamAsync(slotId, new PartitionKey(partition),
                new ItemRequestOptions { IfMatchEtag = slot.ETag }, cancellationToken);
            return;
        }
        var restored = QueuedRunDocument.Of(slotId, replaced, Pending, clock.GetUtcNow(), TtlSeconds);
        if (await _items.ReplaceAsync(partition, slotId, restored, slot.ETag!, cancellationToken) == HttpStatusCode.OK)
            await _items.DeleteAsync(partition, MarkerId(replaced.RunId), cancellationToken);
    }

    /// <summary>On delivery: takes the run out of pending, or says which newer run replaced it.</summary>
    public async Task<RunClaim> ClaimAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var partition = request.ProjectId.ToString();
        var slotId = SlotId(request);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var slot = await _items.ReadAsync<QueuedRunDocument>(partition, slotId, cancellationToken);
            if (slot is null || slot.RunId != request.RunId)
            {
                // Not the slot's run: either replaced while pending (marker) or claimed before (a redelivery).
                var marker = await _items.ReadAsync<SupersededRunDocument>(partition, MarkerId(request.RunId), cancellationToken);
                return marker is null ? new RunClaim.Current() : new RunClaim.Superseded(marker.SupersededBy);
            }
            if (slot.State == Started) return new RunClaim.Current();
            var started = slot with { State = Started, UpdatedAt = clock.GetUtcNow(), ETag = null };
            if (await _items.ReplaceAsync(partition, slotId, started, slot.ETag!, cancellationToken) == HttpStatusCode.OK)
                return new RunClaim.Current();
        }
        throw new CosmosStoreException($"The queued run of project {request.ProjectId} kept changing; run {request.RunId} was not claimed.");
    }

    public async Task MarkActiveAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        await _items.UpsertAsync(ActivePartition,
            new ActiveProjectDocument(projectId.ToString(), ActivePartition, "activeProject", clock.GetUtcNow()), cancellationToken);

    /// <summary>The projects that queued runs since they were last found idle.</summary>
    public async Task<IReadOnlyList<ActiveProject>> ActiveProjectsAsync(CancellationToken cancellationToken)
    {
        var entries = await _items.QueryAsync<ActiveProjectDocument>(ActivePartition,
            new QueryDefinition("SELECT * FROM c WHERE c.projectId = @partition AND c.type = 'activeProject'"), cancellationToken);
        return [.. entries.Select(e => new ActiveProject(ProjectId.Parse(e.Id), e.ETag!))];
    }

    /// <summary>Drops an idle project from the index, unless a run was queued since it was listed (its entry was
    /// rewritten, so the If-Match fails and it stays). True when it was dropped.</summary>
    public async Task<bool> RetireAsync(ActiveProject project, CancellationToken cancellationToken)
    {
        using var response = await container.DeleteItemStreamAsync(project.ProjectId.ToString(), new PartitionKey(ActivePartition),
            new ItemRequestOptions { IfMatchEtag = project.ETag }, cancellationToken);
        if (response.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound) return false;
        if (!response.IsSuccessStatusCode)
            throw new CosmosStoreException($"Cosmos DB answered {(int)response.StatusCode} {response.StatusCode}: {response.ErrorMessage}");
        return true;
    }

    /// <summary>One slot per set of cells, whatever their order: a hash keeps the id short.</summary>
    private static string SlotId(RunRequest request)
    {
        var cells = string.Join(",", request.Cells.Select(c => c.CellId.ToString()).Order(StringComparer.Ordinal));
        return $"queued:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cells)))[..32]}";
    }

    private static string MarkerId(string runId) => $"superseded:{runId}";
}

/// <summary>Current: run it (also a redelivery). Superseded: a newer run of the same cells replaced it before it started.</summary>
public abstract record RunClaim
{
    private RunClaim() { }

    public sealed record Current : RunClaim;

    public sealed record Superseded(string By) : RunClaim;
}

/// <summary>An entry of the active-project index and the ETag it was read with.</summary>
public sealed record ActiveProject(ProjectId ProjectId, string ETag);

internal sealed record QueuedRunDocument(
    string Id, string ProjectId, string Type, string RunId, string State, RunMessage Message, DateTimeOffset UpdatedAt, int Ttl,
    [property: JsonPropertyName("_etag")] string? ETag = null)
{
    public static QueuedRunDocument Of(string id, RunRequest request, string state, DateTimeOffset now, int ttl) =>
        new(id, request.ProjectId.ToString(), "queuedRun", request.RunId, state, RunMessage.Of(request), now, ttl);

    public RunRequest ToRequest() => RunMessage.Parse(Message.ToUtf8()).Request
        ?? throw new CosmosStoreException($"The queued run document {Id} of project {ProjectId} holds an unreadable run.");
}

internal sealed record SupersededRunDocument(string Id, string ProjectId, string Type, string RunId, string SupersededBy, int Ttl);

internal sealed record ActiveProjectDocument(
    string Id, string ProjectId, string Type, DateTimeOffset Since, [property: JsonPropertyName("_etag")] string? ETag = null);
