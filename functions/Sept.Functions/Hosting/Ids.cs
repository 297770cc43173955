using Sept.Notebooks.Cells;

namespace Sept.Functions.Hosting;

/// <summary>Parses ids from routes and bodies; a malformed id reads as "no such item".</summary>
public static class RouteIds
{
    public static ProjectId? Project(string text) => ProjectId.TryParse(text, out var id) ? id : null;

    public static CellId? Cell(string? text) => CellId.TryParse(text, out var id) ? id : null;
}
