using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Cells;
using Sept.Functions.Hosting;
using Sept.Functions.Identity;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Locks;

/// <summary>Who may change a locked cell: only its holder. Everyone else gets 409 naming the holder (admins
/// too: they unlock first, so taking over a cell is a visible act).</summary>
public static class CellLockGuard
{
    /// <summary>Null when <paramref name="user"/> may change the cell.</summary>
    public static ProblemHttpResult? Problem(CellRecord cell, SeptUser user, string action = "change") =>
        cell.Lock is { } held && held.UserId != user.Id ? Locked(held, action) : null;

    /// <summary>409 "Cell locked" with the holder in the "lock" extension.</summary>
    public static ProblemHttpResult Locked(CellLock held, string action) =>
        Problems.Problem(StatusCodes.Status409Conflict, "Cell locked",
            $"{held.Name} locked this cell on {held.LockedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC; "
            + $"ask them (or a workspace admin) to unlock it before you {action} it.",
            new Dictionary<string, object?> { ["lock"] = held });

    /// <summary>True for the edits a locked cell still accepts from anyone allowed to make them: setting an input's
    /// value (the app view works on locked inputs).</summary>
    public static bool IsValueOnly(CellRecord cell, UpdateCell body) => AppView.EditProblem(cell, body) is null;
}
