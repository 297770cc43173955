using System.Globalization;
using Sept.Functions.Cells;
using Sept.Functions.Identity;
using Sept.Functions.Projects;
using Sept.Functions.Realtime;
using Sept.Functions.Runs;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Planning;

namespace Sept.Functions.History;

public abstract record RestoreOutcome
{
    public sealed record Restored(ProjectDto Project, string UndoVersionId) : RestoreOutcome;
    public sealed record NotFound(string Detail) : RestoreOutcome;
    /// <summary>Cells kept changing under the restore; the undo version holds what was there before it started.</summary>
    public sealed record Conflict(string Detail) : RestoreOutcome;
}

/// <summary>Makes a project's cells equal a version's: first keeps the current cells as a "restore" version (restoring
/// that one is the undo), then deletes cells the version lacks, brings back cells it has (same ids), updates changed
/// ones (their version goes up, so an editor still holding the old version gets 412 on the next save) and restores
/// the order. Removed cells are forgotten by the kernel; changed cells, cells whose bindings changed and everything
/// downstream of them become stale (cells brought back are idle: they have no outputs). Observers (comments) hear of
/// every deleted and saved cell; auto versions do not, since the undo version was just taken. One projectChanged at
/// the end. A run in progress is not stopped: it skips cells the restore removed and runs the others with their
/// restored source, as after an edit; the cell executing at that moment finishes with the source it started with.
/// Concurrent edits: the restore holds the project's <see cref="ProjectWriteGate"/>, so cell commands of this instance
/// wait for it; a cell changed after the undo version by anyone else (another instance) is not overwritten: the
/// restore stops with a conflict and the edit stays, so an acknowledged edit is always kept or in the undo version.</summary>
public sealed class VersionRestore(
    IVersionStore versions, VersionHistory history, IProjectStore store, NotebookReader reader, RunStarter runs, CellStates states,
    IRealtime realtime, TimeProvider clock, IEnumerable<ICellObserver> observers, ProjectWriteGate gate)
{
    private const int MaxAttempts = 5;

    private readonly ICellObserver[] _observers = [.. observers.Where(o => o is not AutoVersions)];

    public async Task<RestoreOutcome> RestoreAsync(ProjectId projectId, string versionId, SeptUser user, CancellationToken cancellationToken)
    {
        if (await versions.GetAsync(projectId, versionId, cancellationToken) is not { } version)
            return new RestoreOutcome.NotFound($"Version {versionId} does not exist in project {projectId}.");
        using var writing = await gate.EnterAsync(projectId, cancellationToken);
        if (await reader.LoadAsync(projectId, cancellationToken) is not { } before
            || await history.TakeAsync(projectId, UndoName(version.Summary), VersionKind.Restore, user, cancellationToken) is not { } undo
            || await versions.GetAsync(projectId, undo.Id, cancellationToken) is not { } undoVersion)
            return new RestoreOutcome.NotFound($"Project {projectId} does not exist.");
        var undone = undoVersion.Snapshot.Cells.ToDictionary(c => c.Id);
        RestoreOutcome ChangedMeanwhile(CellId cellId) =>
            new RestoreOutcome.Conflict($"Cell {cellId} was edited during the restore and keeps that edit; version {undo.Id} holds the cells from before the restore.");

        var wanted = version.Snapshot.Cells.ToDictionary(c => c.Id);
        var removed = new List<CellId>();
        foreach (var cell in before.Notebook.Cells.Where(c => !wanted.ContainsKey(c.Id)))
        {
            if (await store.GetCellAsync(projectId, cell.Id, cancellationToken) is { } current && !IsAsUndone(current, undone))
                return ChangedMeanwhile(cell.Id);
            if (!await store.DeleteCellAsync(projectId, cell.Id, cancellationToken)) continue;
            removed.Add(cell.Id);
            foreach (var observer in _observers) await observer.CellDeletedAsync(projectId, cell.Id, cancellationToken);
        }
        var edited = new List<CellId>();
        foreach (var cell in version.Snapshot.Cells)
        {
            var applied = await ApplyAsync(projectId, cell, undone, cancellationToken);
            if (applied is Applied.Updated or Applied.Unchanged) await Locks.CellLockRestore.ApplyAsync(store, projectId, cell, cancellationToken);
            if (applied is Applied.Gone) return new RestoreOutcome.NotFound($"Project {projectId} was deleted during the restore.");
            if (applied is Applied.ChangedMeanwhile) return ChangedMeanwhile(cell.Id);
            if (applied is Applied.KeptChanging)
                return new RestoreOutcome.Conflict($"Cell {cell.Id} kept changing during the restore; version {undo.Id} holds the cells from before it.");
            if (applied is Applied.Unchanged) continue;
            if (applied is Applied.Updated) edited.Add(cell.Id);
            foreach (var observer in _observers) await observer.CellSavedAsync(projectId, cell.Id, cancellationToken);
        }

        if (removed.Count > 0) await runs.ForgetAsync(projectId, removed, cancellationToken);
        if (await reader.LoadAsync(projectId, cancellationToken) is not { } after)
            return new RestoreOutcome.NotFound($"Project {projectId} was deleted during the restore.");
        await states.MarkStaleAsync(after, [
            .. edited.SelectMany(id => StalePropagation.ForEdit(after.Notebook.Graph, id, before.Notebook.Graph)),
            .. StalePropagation.ForRebinding(before.Notebook.Graph, after.Notebook.Graph)], cancellationToken);
        var project = (await reader.GetAsync(projectId, cancellationToken))!;
        await realtime.PublishAsync(projectId, new ProjectChanged(project), cancellationToken);
        return new RestoreOutcome.Restored(project, undo.Id);
    }

    /// <summary>"Before restoring …": the restored version's name, else its time.</summary>
    public static string UndoName(VersionSummary restored)
    {
        var what = restored.Name is { Length: > 0 } name
            ? $"\"{name}\""
            : $"the {restored.Kind.ToString().ToLowerInvariant()} version of {restored.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";
        var text = $"Before restoring {what}";
        return text.Length <= VersionLimits.MaxNameLength ? text : text[..(VersionLimits.MaxNameLength - 1)] + "…";
    }

    private enum Applied { Unchanged, Added, Updated, Gone, KeptChanging, ChangedMeanwhile }

    // The cell holds what the undo version has for it (a cell the undo version lacks was added meanwhile).
    private static bool IsAsUndone(CellRecord current, Dictionary<CellId, VersionCell> undone) =>
        undone.TryGetValue(current.Id, out var before) && VersionDiff.SameContent(VersionHistory.Snapshot(current), before);

    // Brings one cell to the version's content. A cell whose content is no longer what the undo version holds was
    // edited after it: that edit is in neither, so it is kept and the restore stops. A move (order only) or a
    // concurrent delete is read again and overwritten.
    private async Task<Applied> ApplyAsync(
        ProjectId projectId, VersionCell wanted, Dictionary<CellId, VersionCell> undone, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await store.GetCellAsync(projectId, wanted.Id, cancellationToken) is not { } current)
            {
                var cell = new CellRecord(projectId, wanted.Id, wanted.Kind, wanted.Source, wanted.Config, wanted.Order, 1, 1, CellRun.Idle, clock.GetUtcNow(), wanted.Lock);
                switch (await store.AddCellAsync(cell, cancellationToken))
                {
                    case SaveOutcome<CellRecord>.Saved: return Applied.Added;
                    case SaveOutcome<CellRecord>.NotFound: return Applied.Gone;
                    default: continue;
                }
            }
            if (VersionDiff.SameContent(VersionHistory.Snapshot(current), wanted) && current.Order == wanted.Order) return Applied.Unchanged;
            if (undone.ContainsKey(current.Id) && !IsAsUndone(current, undone)) return Applied.ChangedMeanwhile;
            var restored = current with { Kind = wanted.Kind, Source = wanted.Source, Config = wanted.Config, Order = wanted.Order };
            if (await store.UpdateCellAsync(restored, current.Version, cancellationToken) is SaveOutcome<CellRecord>.Saved)
                return Applied.Updated;
        }
        return Applied.KeptChanging;
    }
}
