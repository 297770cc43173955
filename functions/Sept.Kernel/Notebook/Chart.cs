using System.Text.Json;
using Sept.Kernel.Formatting;

namespace Sept.Kernel.Notebook;

/// <summary>Builds Vega-Lite charts from a collection: <c>Chart.Bar(sales, x: "region", y: "total")</c>.</summary>
public static class Chart
{
    private const int MaxPoints = 10_000;
    private static readonly IReadOnlySet<string> Aggregates = new HashSet<string>
        { "count", "sum", "mean", "average", "median", "min", "max", "distinct" };

    public static VegaLiteChart Bar(object data, string x, string y, string? color = null, string? aggregate = null) =>
        Create(data, "bar", x, y, color, aggregate);

    public static VegaLiteChart Line(object data, string x, string y, string? color = null, string? aggregate = null) =>
        Create(data, "line", x, y, color, aggregate);

    public static VegaLiteChart Point(object data, string x, string y, string? color = null, string? aggregate = null) =>
        Create(data, "point", x, y, color, aggregate);

    public static VegaLiteChart Area(object data, string x, string y, string? color = null, string? aggregate = null) =>
        Create(data, "area", x, y, color, aggregate);

    /// <summary>Any Vega-Lite mark. Fields must be columns of the data (properties of its rows).</summary>
    public static VegaLiteChart Create(object data, string mark, string x, string y, string? color = null, string? aggregate = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!TableData.IsTable(data)) throw new ArgumentException("Chart data must be a collection of rows.", nameof(data));
        if (aggregate is not null && !Aggregates.Contains(aggregate))
            throw new ArgumentException($"Unknown aggregate '{aggregate}'. Use one of {string.Join(", ", Aggregates)}.", nameof(aggregate));
        var table = TableData.From(data, MaxPoints);
        var names = table.Columns.Select(c => c.Name).ToList();
        foreach (var field in new[] { x, y, color }.OfType<string>())
        {
            if (!names.Contains(field))
                throw new ArgumentException($"No column '{field}' in the chart data (columns: {string.Join(", ", names)}).");
        }

        return new VegaLiteChart(JsonValues.Element(w =>
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://vega.github.io/schema/vega-lite/v5.json");
            w.WriteStartObject("data");
            w.WriteStartArray("values");
            foreach (var row in table.Rows)
            {
                w.WriteStartObject();
                for (var i = 0; i < names.Count; i++)
                {
                    w.WritePropertyName(names[i]);
                    JsonValues.Write(w, row[i]);
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("mark", mark);
            w.WriteStartObject("encoding");
            Channel(w, "x", x, table, null);
            Channel(w, "y", y, table, aggregate == "average" ? "mean" : aggregate);
            if (color is not null) Channel(w, "color", color, table, null);
            w.WriteEndObject();
            w.WriteEndObject();
        }));
    }

    private static void Channel(Utf8JsonWriter w, string channel, string field, TableData table, string? aggregate)
    {
        var type = table.ColumnTypes[table.Columns.ToList().FindIndex(c => c.Name == field)];
        w.WriteStartObject(channel);
        w.WriteString("field", field);
        w.WriteString("type", aggregate is not null ? "quantitative" : MeasureOf(type));
        if (aggregate is not null) w.WriteString("aggregate", aggregate);
        w.WriteEndObject();
    }

    private static string MeasureOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(DateTimeOffset)) return "temporal";
        return type.IsPrimitive && type != typeof(bool) && type != typeof(char) || type == typeof(decimal) ? "quantitative" : "nominal";
    }
}
