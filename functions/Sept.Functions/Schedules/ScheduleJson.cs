using System.Text.Json;
using Sept.Functions.Hosting;
using Sept.Functions.Storage;

namespace Sept.Functions.Schedules;

/// <summary>How both stores write schedule and run records (SQLite: a body column; Cosmos: a body property).</summary>
public static class ScheduleJson
{
    public static JsonSerializerOptions Options { get; } = new(StoreJson.Options) { Converters = { new ProjectIdJsonConverter() } };

    public static string Text<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static JsonElement Element<T>(T value) => JsonSerializer.SerializeToElement(value, Options);

    public static T Read<T>(string text) => JsonSerializer.Deserialize<T>(text, Options)!;

    public static T Read<T>(JsonElement element) => element.Deserialize<T>(Options)!;
}
