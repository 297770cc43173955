using Sept.Functions.Cells;
using Sept.Functions.Hosting;
using Sept.Functions.Identity;
using Sept.Functions.Projects;
using Sept.Functions.Realtime;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Locks;

/// <summary>Locks and unlocks cells and tells watchers (cellUpdated carries the lock). Locking a cell you hold, or
/// unlocking an unlocked cell, changes nothing and succeeds.</summary>
public sealed class CellLockCommands(IProjectStore store, NotebookReader reader, IRealtime realtime, TimeProvider clock)
{
    /// <summary>Done, NotFound, or <see cref="HeldBy"/> someone else.</summary>
    public async Task<CommandOutcome<CellDto>> LockAsync(ProjectId projectId, CellId cellId, SeptUser user, CancellationToken cancellationToken)
    {
        var wanted = new CellLock(user.Id, user.Name, clock.GetUtcNow());
        return await store.SetLockAsync(projectId, cellId, wanted, null, cancellationToken) switch
        {
            SaveOutcome<CellRecord>.Saved saved => new CommandOutcome<CellDto>.Done(await PublishAsync(saved.Value, cancellationToken)),
            SaveOutcome<CellRecord>.Stale { Current.Lock: { } held } when held.UserId == user.Id =>
                new CommandOutcome<CellDto>.Done(await DtoAsync(projectId, cellId, cancellationToken)),
            SaveOutcome<CellRecord>.Stale { Current.Lock: { } held } => new HeldBy(held),
            _ => CommandOutcome<CellDto>.NotFound($"Cell {cellId} does not exist in project {projectId}."),
        };
    }

    /// <summary>Someone else holds the lock.</summary>
    public sealed record HeldBy(CellLock Lock) : CommandOutcome<CellDto>;

    /// <summary>The holder may unlock; an admin may unlock anyone's lock; other editors get 403.</summary>
    public async Task<CommandOutcome<CellDto>> UnlockAsync(
        ProjectId projectId, CellId cellId, SeptUser user, WorkspaceRole role, CancellationToken cancellationToken)
    {
        if (await store.GetCellAsync(projectId, cellId, cancellationToken) is not { } cell)
            return CommandOutcome<CellDto>.NotFound($"Cell {cellId} does not exist in project {projectId}.");
        if (cell.Lock is not { } held) return new CommandOutcome<CellDto>.Done(await DtoAsync(projectId, cellId, cancellationToken));
        if (held.UserId != user.Id && role < WorkspaceRole.Admin)
            return CommandOutcome<CellDto>.Forbidden($"{held.Name} holds this cell's lock; only they or a workspace admin can unlock it.");
        return await store.SetLockAsync(projectId, cellId, null, held.UserId, cancellationToken) switch
        {
            SaveOutcome<CellRecord>.Saved saved => new CommandOutcome<CellDto>.Done(await PublishAsync(saved.Value, cancellationToken)),
            SaveOutcome<CellRecord>.Stale => CommandOutcome<CellDto>.Conflict("The lock changed hands while you unlocked it; look again."),
            _ => CommandOutcome<CellDto>.NotFound($"Cell {cellId} does not exist in project {projectId}."),
        };
    }

    private async Task<CellDto> PublishAsync(CellRecord cell, CancellationToken cancellationToken)
    {
        var dto = await DtoAsync(cell.ProjectId, cell.Id, cancellationToken);
        await realtime.PublishAsync(cell.ProjectId, new CellUpdated(dto), cancellationToken);
        return dto;
    }

    private async Task<CellDto> DtoAsync(ProjectId projectId, CellId cellId, CancellationToken cancellationToken)
    {
        var loaded = await reader.LoadAsync(projectId, cancellationToken)
            ?? throw new InvalidOperationException($"Project {projectId} vanished while its cell was locked.");
        return loaded.Notebook.ToDto(loaded.Find(cellId) ?? throw new InvalidOperationException($"Cell {cellId} vanished while locked."));
    }
}
