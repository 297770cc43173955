namespace Sept.Notebooks.Analysis;

/// <summary>The per-kind settings that name what a cell writes or reads besides its source.</summary>
/// <param name="ResultName">SQL: the name the query result is stored under.</param>
/// <param name="InputName">Input widget: the name its value is stored under.</param>
/// <param name="ChartData">Chart: the name of the value it plots.</param>
public sealed record CellSettings(string? ResultName = null, string? InputName = null, string? ChartData = null)
{
    public static CellSettings None { get; } = new();
}
