using System.Net;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Cosmos;

/// <summary>Who drives a project's kernel (azure.md §6): document "kernel" in the project's partition with a
/// fencing generation. Service Bus sessions already give one consumer per project; this guards the overlap after a
/// lost lock. A claim reads the document and replaces it with If-Match, generation + 1 and status busy: a 412 means
/// another handler claimed it in between, so this one stops. The generation goes with every execute request and
/// the kernel refuses older generations, so a handler that lost its claim cannot run cells any more.</summary>
public sealed class CosmosKernelOwnership(Container container, TimeProvider clock)
{
    private const string DocumentId = "kernel";

    private readonly CosmosItems _items = new(container);

    /// <summary>Takes the kernel for a run; null when another handler claimed it at the same time.</summary>
    public async Task<KernelClaim?> ClaimAsync(ProjectId projectId, string sessionIdentifier, string runId, CancellationToken cancellationToken)
    {
        var partition = projectId.ToString();
        var current = await _items.ReadAsync<KernelDocument>(partition, DocumentId, cancellationToken);
        if (current is null)
        {
            var first = new KernelDocument(DocumentId, partition, "kernel", sessionIdentifier, 0, "idle", null, clock.GetUtcNow(), 0);
            await _items.CreateAsync(partition, first, cancellationToken);
            current = await _items.ReadAsync<KernelDocument>(partition, DocumentId, cancellationToken)
                ?? throw new CosmosStoreException($"The kernel document of project {projectId} vanished while it was created.");
        }
        var claimed = current with
        {
            SessionIdentifier = sessionIdentifier, Generation = current.Generation + 1, Status = "busy", CurrentRunId = runId,
            LastActivityUtc = clock.GetUtcNow(), ETag = null,
        };
        var (status, etag) = await _items.ReplaceForETagAsync(partition, DocumentId, claimed, current.ETag!, cancellationToken);
        return status == HttpStatusCode.OK ? new KernelClaim(claimed.Generation, etag!) : null;
    }

    /// <summary>Marks the kernel idle after a run. False when another handler claimed it since (this one was fenced out).</summary>
    public async Task<bool> ReleaseAsync(ProjectId projectId, KernelClaim claim, CancellationToken cancellationToken)
    {
        var partition = projectId.ToString();
        if (await _items.ReadAsync<KernelDocument>(partition, DocumentId, cancellationToken) is not { } current
            || current.Generation != claim.Generation) return false;
        var idle = current with { Status = "idle", CurrentRunId = null, LastActivityUtc = clock.GetUtcNow(), ExecCount = current.ExecCount + 1, ETag = null };
        var (status, _) = await _items.ReplaceForETagAsync(partition, DocumentId, idle, claim.ETag, cancellationToken);
        return status == HttpStatusCode.OK;
    }

    /// <summary>The kernel's current generation and status; null before the first claim.</summary>
    public async Task<KernelOwnershipState?> GetAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        await _items.ReadAsync<KernelDocument>(projectId.ToString(), DocumentId, cancellationToken) is { } d
            ? new KernelOwnershipState(d.Generation, d.Status, d.CurrentRunId, d.ExecCount)
            : null;

    /// <summary>Forgets the kernel (project deleted).</summary>
    public Task DeleteAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        _items.DeleteAsync(projectId.ToString(), DocumentId, cancellationToken);
}

/// <summary>A held claim: the generation to send to the kernel and the ETag of the claiming write.</summary>
public sealed record KernelClaim(long Generation, string ETag);

public sealed record KernelOwnershipState(long Generation, string Status, string? CurrentRunId, long ExecCount);

internal sealed record KernelDocument(
    string Id, string ProjectId, string Type, string SessionIdentifier, long Generation, string Status, string? CurrentRunId,
    DateTimeOffset LastActivityUtc, long ExecCount, [property: JsonPropertyName("_etag")] string? ETag = null);
