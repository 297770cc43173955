using System.Text.Json;
using System.Text.Json.Serialization;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Hosting;

/// <summary>Ids on the wire are their 32-hex-digit text, not {"value": …}: queue messages (RunRequest) and any
/// record that carries typed ids serialise the way the HTTP API prints them.</summary>
public sealed class CellIdJsonConverter : JsonConverter<CellId>
{
    public override CellId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        CellId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("A cell id must be 32 hex digits.");

    public override void Write(Utf8JsonWriter writer, CellId value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

public sealed class ProjectIdJsonConverter : JsonConverter<ProjectId>
{
    public override ProjectId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ProjectId.TryParse(reader.GetString(), out var id) ? id : throw new JsonException("A project id must be 32 hex digits.");

    public override void Write(Utf8JsonWriter writer, ProjectId value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
