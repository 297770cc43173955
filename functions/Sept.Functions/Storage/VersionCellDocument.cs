using System.Text.Json;
using Sept.Functions.History;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage;

/// <summary>A version's cell as both stores write it (SQLite: a JSON array in versions.snapshot; Cosmos: the
/// "cells" arrays of the version documents). Kept apart from <see cref="VersionCell"/> so the stored shape is explicit.</summary>
internal sealed record VersionCellDocument(string Id, string Kind, string Source, JsonElement? Config, string Order, CellLock? Lock = null)
{
    public static VersionCellDocument Of(VersionCell c) => new(c.Id.ToString(), c.Kind.ToString(), c.Source, c.Config, c.Order.Value, c.Lock);

    public VersionCell ToCell() => new(
        CellId.Parse(Id), Enum.Parse<CellKind>(Kind), Source, Config is { ValueKind: not JsonValueKind.Null } config ? config : null,
        OrderKey.Parse(Order), Lock);
}
