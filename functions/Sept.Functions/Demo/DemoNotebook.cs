using System.Text.Json;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Demo;

/// <summary>The example project a newcomer sees first: C#, SQL over a C# list, a slider driving a chart, Markdown
/// that reads variables, and (from the same cells) the app view.</summary>
public static class DemoNotebook
{
    public const string Name = "Welcome to Sept";

    public sealed record DemoCell(CellKind Kind, string Source, object? Config = null)
    {
        public JsonElement? ConfigJson => Config is null ? null : JsonSerializer.SerializeToElement(Config, JsonSerializerOptions.Web);
    }

    public static IReadOnlyList<DemoCell> Cells { get; } =
    [
        new(CellKind.Markdown, """
            # Welcome to Sept

            A **reactive C# notebook**: Sept reads every cell, knows which names it defines and uses, and re-runs what
            depends on a change. Move the slider below and watch the SQL table, the chart and the summary follow.

            - `Shift+Enter` runs a cell; **Run all** runs the notebook top to bottom.
            - **App** (top right) shows the same notebook as an app: inputs, tables and charts, no code.
            - This project is yours to change or delete; once deleted it does not come back.
            """),
        new(CellKind.Code, """
            // Any C#: types, LINQ, NuGet-free BCL. `sales` is a plain C# list; the SQL cell below queries it by name.
            record Sale(string Region, string Product, int Units, double Price);

            var sales = new List<Sale>
            {
                new("North", "Tea", 40, 3.5), new("North", "Coffee", 25, 4.0), new("North", "Cake", 10, 2.5),
                new("South", "Tea", 15, 3.5), new("South", "Coffee", 55, 4.0), new("South", "Cake", 30, 2.5),
                new("East", "Tea", 35, 3.5), new("East", "Coffee", 20, 4.0), new("East", "Cake", 45, 2.5),
                new("West", "Tea", 5, 3.5), new("West", "Coffee", 60, 4.0), new("West", "Cake", 20, 2.5),
            };
            $"{sales.Count} sales, {sales.Sum(s => s.Units)} units"
            """),
        new(CellKind.Input, "", new { name = "minUnits", type = "slider", value = 20, min = 0, max = 60, step = 5, integer = true }),
        new(CellKind.Sql, """
            -- SQL (DuckDB) over the C# list `sales`; {minUnits} is the slider, bound as a parameter.
            SELECT Region AS region, SUM(Units * Price) AS revenue, SUM(Units) AS units
            FROM sales
            WHERE Units >= {minUnits}
            GROUP BY Region
            ORDER BY Region
            """, new { resultName = "byRegion" }),
        new(CellKind.Chart, "", new { data = "byRegion", mark = "bar", x = "region", y = "revenue" }),
        new(CellKind.Code, """
            // C# reads the SQL result with typed columns.
            var top = byRegion.OrderByDescending(r => r.revenue).FirstOrDefault()?.region ?? "no region";
            var topRevenue = byRegion.Select(r => r.revenue).DefaultIfEmpty(0).Max();
            """),
        new(CellKind.Markdown, """
            ## Summary

            Counting sales of at least **{minUnits}** units, **{top}** has the highest revenue: **{topRevenue}**.
            """),
    ];
}
