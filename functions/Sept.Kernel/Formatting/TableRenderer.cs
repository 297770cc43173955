using System.Net;
using System.Text;
using System.Text.Json;

namespace Sept.Kernel.Formatting;

/// <summary>The first page of a table as Sept table JSON and as HTML.</summary>
internal static class TableRenderer
{
    public static JsonElement Json(TableData table, string cellId, int pageSize) => JsonValues.Element(w =>
    {
        w.WriteStartObject();
        w.WriteStartArray("columns");
        foreach (var column in table.Columns)
        {
            w.WriteStartObject();
            w.WriteString("name", column.Name);
            w.WriteString("type", column.Type);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("rows");
        foreach (var row in table.Rows.Take(pageSize))
        {
            w.WriteStartArray();
            foreach (var value in row) JsonValues.Write(w, value);
            w.WriteEndArray();
        }
        w.WriteEndArray();
        w.WriteNumber("totalRows", table.Rows.Count);
        w.WriteString("cellId", cellId);
        w.WriteEndObject();
    });

    public static string Html(TableData table, int pageSize)
    {
        var html = new StringBuilder("<table class=\"sept-table\"><thead><tr>");
        foreach (var column in table.Columns) html.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in table.Rows.Take(pageSize))
        {
            html.Append("<tr>");
            foreach (var value in row) html.Append("<td>").Append(WebUtility.HtmlEncode(JsonValues.Text(value))).Append("</td>");
            html.Append("</tr>");
        }
        html.Append("</tbody></table>");
        var shown = Math.Min(pageSize, table.Rows.Count);
        html.Append("<p class=\"sept-table-footer\">").Append(table.Rows.Count).Append(table.Rows.Count == 1 ? " row" : " rows");
        if (shown < table.Rows.Count) html.Append(", first ").Append(shown).Append(" shown");
        return html.Append("</p>").ToString();
    }
}
