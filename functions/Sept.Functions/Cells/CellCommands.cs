using Microsoft.Extensions.Options;
using System.Text.Json;
using Sept.Functions.Hosting;
using Sept.Functions.Projects;
using Sept.Functions.Realtime;
using Sept.Functions.Runs;
using Sept.Functions.Storage;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Planning;

namespace Sept.Functions.Cells;

/// <summary>Adds, edits, moves and deletes cells; tells watchers; keeps states honest (an edit makes the cell
/// and its dependents stale; in a reactive project a changed input value re-runs its dependents).</summary>
public sealed class CellCommands(
    IProjectStore store, NotebookReader reader, IRealtime realtime, RunStarter runs, CellStates states, TimeProvider clock,
    IEnumerable<ICellObserver> observers, ProjectWriteGate gate, IOptions<SeptOptions> options)
{
    public const int MaxSourceLength = 1024 * 1024;

    public async Task<CellOutcome> AddAsync(ProjectId projectId, CreateCell body, CancellationToken cancellationToken)
    {
        if (!CellMapping.TryParseKind(body.Kind, out var kind))
            return new CellOutcome.Invalid($"kind must be one of code, sql, markdown, input, chart (got '{body.Kind}').");
        if (Validate(body.Source, body.Config) is { } invalid) return invalid;
        if (await reader.LoadAsync(projectId, cancellationToken) is not { } loaded)
            return new CellOutcome.NotFound($"Project {projectId} does not exist.");
        if (loaded.Notebook.Cells.Count >= options.Value.MaxCellsPerProject)
            return new CellOutcome.Invalid(
                $"The project has {loaded.Notebook.Cells.Count} cells, the most a project may have (Sept:MaxCellsPerProject); delete some or start another project.",
                StatusCodes.Status413PayloadTooLarge);
        // No afterCellId appends at the end (moving uses null for "to the top").
        var after = loaded.Notebook.Cells.Count > 0 ? loaded.Notebook.Cells[^1].Id : (CellId?)null;
        if (body.AfterCellId is not null)
        {
            after = RouteIdsOrNull(body.AfterCellId);
            if (after is null || loaded.Find(after.Value) is null)
                return new CellOutcome.Invalid($"afterCellId {body.AfterCellId} is not a cell of this project.");
        }
        var order = loaded.AsProject().KeyAfter(after) ?? OrderKey.First;
        var cell = new CellRecord(projectId, CellId.New(), kind, body.Source ?? "", body.Config, order, 1, 1, CellRun.Idle, clock.GetUtcNow());
        if (await WritingAsync(projectId, () => store.AddCellAsync(cell, cancellationToken), cancellationToken) is not SaveOutcome<CellRecord>.Saved)
            return new CellOutcome.NotFound($"Project {projectId} does not exist.");
        await NotifySavedAsync(projectId, cell.Id, cancellationToken);
        return new CellOutcome.Done(await AfterStructureChangeAsync(loaded, cell.Id, cancellationToken));
    }

    public async Task<CellOutcome> UpdateAsync(
        ProjectId projectId, CellId cellId, UpdateCell body, long expectedVersion, CancellationToken cancellationToken)
    {
        if (Validate(body.Source, body.Config) is { } invalid) return invalid;
        if (await reader.LoadAsync(projectId, cancellationToken) is not { } loaded || loaded.Find(cellId) is not { } cell)
            return new CellOutcome.NotFound($"Cell {cellId} does not exist in project {projectId}.");
        var edited = cell with { Source = body.Source ?? cell.Source, Config = body.Config ?? cell.Config };
        switch (await WritingAsync(projectId, () => store.UpdateCellAsync(edited, expectedVersion, cancellationToken), cancellationToken))
        {
            case SaveOutcome<CellRecord>.Stale stale:
                return new CellOutcome.Stale(loaded.Notebook.ToDto(stale.Current));
            case not SaveOutcome<CellRecord>.Saved:
                return new CellOutcome.NotFound($"Cell {cellId} does not exist in project {projectId}.");
        }
        await NotifySavedAsync(projectId, cellId, cancellationToken);
        var after = await reader.LoadAsync(projectId, cancellationToken);
        if (after is null || after.Find(cellId) is null) return new CellOutcome.NotFound($"Cell {cellId} was deleted.");
        // A comment or whitespace edit computes the same thing: nothing becomes stale (running it still runs it).
        var changed = !CodeEquivalence.SameCode(cell.Kind, cell.Source, edited.Source) || !JsonEquals(edited.Config, cell.Config);
        if (changed && cell.Kind == CellKind.Input && after.Project.Reactive)
            await runs.StartAsync(after, new StartRun([cellId.ToString()], RunMode.Downstream), "input changed", cancellationToken);
        else if (changed)
            // The cell, what depends on it now or did before (a removed name), and cells whose reads now bind elsewhere.
            await states.MarkStaleAsync(after, [
                .. StalePropagation.ForEdit(after.Notebook.Graph, cellId, loaded.Notebook.Graph),
                .. StalePropagation.ForRebinding(loaded.Notebook.Graph, after.Notebook.Graph)], cancellationToken);
        var current = await reader.LoadAsync(projectId, cancellationToken);
        var dto = current?.Find(cellId) is { } c ? current.Notebook.ToDto(c) : after.Notebook.ToDto(after.Find(cellId)!);
        await realtime.PublishAsync(projectId, new CellUpdated(dto), cancellationToken);
        return new CellOutcome.Done(dto);
    }

    public async Task<CellOutcome> MoveAsync(ProjectId projectId, CellId cellId, MoveCell body, CancellationToken cancellationToken)
    {
        if (await reader.LoadAsync(projectId, cancellationToken) is not { } loaded || loaded.Find(cellId) is not { } cell)
            return new CellOutcome.NotFound($"Cell {cellId} does not exist in project {projectId}.");
        CellId? after = null;
        if (body.AfterCellId is not null)
        {
            after = RouteIdsOrNull(body.AfterCellId);
            if (after is null || loaded.Find(after.Value) is null || after == cellId)
                return new CellOutcome.Invalid($"afterCellId {body.AfterCellId} is not another cell of this project.");
        }
        if (loaded.AsProject().KeyAfter(after, moving: cellId) is not { } order)
            return new CellOutcome.Invalid($"afterCellId {body.AfterCellId} is not another cell of this project.");
        // A move is not a content edit by this client: retry on a concurrent version bump.
        var current = cell;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var moved = current with { Order = order };
            switch (await WritingAsync(projectId, () => store.UpdateCellAsync(moved, moved.Version, cancellationToken), cancellationToken))
            {
                case SaveOutcome<CellRecord>.Saved:
                    await NotifySavedAsync(projectId, cellId, cancellationToken);
                    return new CellOutcome.Done(await AfterStructureChangeAsync(loaded, cellId, cancellationToken));
                case SaveOutcome<CellRecord>.Stale stale:
                    current = stale.Current;
                    continue;
                default:
                    return new CellOutcome.NotFound($"Cell {cellId} does not exist in project {projectId}.");
            }
        }
        return new CellOutcome.Invalid("The cell kept changing while it was moved; try again.", StatusCodes.Status409Conflict);
    }

    public async Task<bool> DeleteAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken)
    {
        var before = await reader.LoadAsync(projectId, cancellationToken);
        if (!await WritingAsync(projectId, () => store.DeleteCellAsync(projectId, cellId, cancellationToken), cancellationToken)) return false;
        foreach (var observer in observers) await observer.CellDeletedAsync(projectId, cellId, cancellationToken);
        await runs.ForgetAsync(projectId, [cellId], cancellationToken);
        if (await reader.LoadAsync(projectId, cancellationToken) is { } after)
        {
            if (before is not null)
                await states.MarkStaleAsync(after, StalePropagation.ForRebinding(before.Notebook.Graph, after.Notebook.Graph), cancellationToken);
            await realtime.PublishAsync(projectId, new ProjectChanged((await reader.GetAsync(projectId, cancellationToken))!), cancellationToken);
        }
        return true;
    }

    // The store write itself, never while a version restore of the project runs (see ProjectWriteGate).
    private async Task<T> WritingAsync<T>(ProjectId projectId, Func<Task<T>> write, CancellationToken cancellationToken)
    {
        using var writing = await gate.EnterAsync(projectId, cancellationToken);
        return await write();
    }

    private async Task NotifySavedAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken)
    {
        foreach (var observer in observers) await observer.CellSavedAsync(projectId, cellId, cancellationToken);
    }

    // After add/move: cells whose reads now bind elsewhere (and their dependents) are stale; bindings may change
    // anywhere below, so watchers get the whole project.
    private async Task<CellDto> AfterStructureChangeAsync(LoadedNotebook before, CellId cellId, CancellationToken cancellationToken)
    {
        var projectId = before.Project.Id;
        var loaded = (await reader.LoadAsync(projectId, cancellationToken))!;
        await states.MarkStaleAsync(loaded, StalePropagation.ForRebinding(before.Notebook.Graph, loaded.Notebook.Graph), cancellationToken);
        var project = (await reader.GetAsync(projectId, cancellationToken))!;
        await realtime.PublishAsync(projectId, new ProjectChanged(project), cancellationToken);
        return project.Cells!.First(c => c.Id == cellId.ToString());
    }

    private static CellOutcome.Invalid? Validate(string? source, JsonElement? config)
    {
        if (source is { Length: > MaxSourceLength })
            return new CellOutcome.Invalid($"source is {source.Length} characters; the limit is {MaxSourceLength}.", StatusCodes.Status413PayloadTooLarge);
        if (config is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Null) })
            return new CellOutcome.Invalid($"config must be a JSON object (got {config.Value.ValueKind}).");
        return null;
    }

    private static CellId? RouteIdsOrNull(string text) => CellId.TryParse(text, out var id) ? id : null;

    private static bool JsonEquals(JsonElement? a, JsonElement? b) =>
        (a, b) switch
        {
            (null, null) => true,
            ({ } x, { } y) => JsonElement.DeepEquals(x, y),
            _ => false,
        };
}
