using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Sept.Functions.Cells;
using Sept.Functions.Identity;
using Sept.Notebooks.Cells;

namespace Sept.Functions.History;

/// <summary>Takes an auto version after a cell is added, edited, moved or deleted when the project's newest version
/// is older than <see cref="HistoryOptions.AutoInterval"/> (or it has none). The version shows the cells after the
/// change; its author is the caller of the request (local user without sign-in).</summary>
public sealed class AutoVersions(
    IVersionStore versions, VersionHistory history, IHttpContextAccessor http, IOptions<HistoryOptions> options, TimeProvider clock)
    : ICellObserver
{
    // Per project: one check at a time (two quick edits take one version), and the newest version time seen, so
    // edits within the interval cost no store read. Versions only get newer, so a remembered time is never too new.
    private readonly ConcurrentDictionary<ProjectId, SemaphoreSlim> _gates = new();
    private readonly ConcurrentDictionary<ProjectId, DateTimeOffset> _newest = new();

    public Task CellSavedAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken) =>
        TakeIfDueAsync(projectId, cancellationToken);

    public Task CellDeletedAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken) =>
        TakeIfDueAsync(projectId, cancellationToken);

    private async Task TakeIfDueAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        if (!IsDue(_newest.TryGetValue(projectId, out var known) ? known : null)) return;
        var gate = _gates.GetOrAdd(projectId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (await versions.NewestAtAsync(projectId, cancellationToken) is { } newest && !IsDue(newest))
            {
                _newest[projectId] = newest;
                return;
            }
            var author = SeptUser.FromPrincipal(http.HttpContext?.User ?? new()) ?? SeptUser.Local;
            if (await history.TakeAsync(projectId, null, VersionKind.Auto, author, cancellationToken) is { } taken)
                _newest[projectId] = taken.CreatedAt;
        }
        finally
        {
            gate.Release();
        }
    }

    private bool IsDue(DateTimeOffset? newest) => newest is not { } at || clock.GetUtcNow() - at >= options.Value.AutoInterval;
}
