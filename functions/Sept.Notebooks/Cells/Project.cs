using System.Collections.Immutable;

namespace Sept.Notebooks.Cells;

/// <summary>A notebook: its cells, always sorted by <see cref="OrderKey"/>. Immutable; every change
/// returns a new project.</summary>
public sealed record Project
{
    private Project(ProjectId id, string name, bool reactive, ImmutableArray<Cell> cells)
    {
        Id = id;
        Name = name;
        Reactive = reactive;
        Cells = cells;
    }

    public ProjectId Id { get; }
    public string Name { get; init; }
    /// <summary>Reactive projects re-run dependents after a cell runs; others mark them stale.</summary>
    public bool Reactive { get; init; }
    public ImmutableArray<Cell> Cells { get; }

    public static Project Create(ProjectId id, string name, bool reactive, IEnumerable<Cell> cells) =>
        new(id, name, reactive, Sorted(cells));

    public Cell? Find(CellId id) => Cells.FirstOrDefault(c => c.Id == id);

    /// <summary>Position of the cell (0-based), or -1 when it is not in the project.</summary>
    public int IndexOf(CellId id)
    {
        for (var i = 0; i < Cells.Length; i++)
            if (Cells[i].Id == id) return i;
        return -1;
    }

    /// <summary>The key for a cell placed right after <paramref name="afterCellId"/> (null: at the top).
    /// Null result when that cell is not in the project.</summary>
    public OrderKey? KeyAfter(CellId? afterCellId, CellId? moving = null)
    {
        var others = moving is { } m ? Cells.Where(c => c.Id != m).ToList() : [.. Cells];
        if (afterCellId is null)
            return OrderKey.Between(null, others.Count > 0 ? others[0].Order : null);
        var index = others.FindIndex(c => c.Id == afterCellId);
        if (index < 0) return null;
        // Two editors inserting at one spot at once get equal keys; the new cell then goes after all of them.
        var after = others[index].Order;
        var next = others.Skip(index + 1).Select(c => (OrderKey?)c.Order).FirstOrDefault(k => k > after);
        return next is null ? OrderKey.After(after) : OrderKey.Between(after, next);
    }

    /// <summary>Adds <paramref name="cell"/> or replaces the cell with the same id, keeping cells sorted.</summary>
    public Project WithCell(Cell cell) =>
        new(Id, Name, Reactive, Sorted(Cells.Where(c => c.Id != cell.Id).Append(cell)));

    /// <summary>Moves a cell right after <paramref name="afterCellId"/> (null: to the top) by giving it one new
    /// key; no other cell changes. Null when either cell is not in the project.</summary>
    public Project? WithCellMoved(CellId id, CellId? afterCellId)
    {
        if (Find(id) is not { } cell || afterCellId == id) return null;
        return KeyAfter(afterCellId, moving: id) is { } key ? WithCell(cell with { Order = key }) : null;
    }

    public Project WithoutCell(CellId id) =>
        new(Id, Name, Reactive, Cells.RemoveAll(c => c.Id == id));

    private static ImmutableArray<Cell> Sorted(IEnumerable<Cell> cells) =>
        [.. cells.OrderBy(c => c.Order).ThenBy(c => c.Id.Value)];
}
