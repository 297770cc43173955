using System.Globalization;
using System.Text.Json;

namespace Sept.Kernel.Protocol;

/// <summary>The typed values that cross between app and kernel outside C# (parameters read from the notebook, rows of a
/// connection query): a type name per CLR type and one JSON form per type, so both sides agree without reflection.
/// Arrays are "element[]" with JSON arrays (elements may be null).</summary>
public static class WireTypes
{
    private static readonly (string Name, Type Type)[] Scalars =
    [
        ("boolean", typeof(bool)), ("int16", typeof(short)), ("int32", typeof(int)), ("int64", typeof(long)),
        ("single", typeof(float)), ("double", typeof(double)), ("decimal", typeof(decimal)), ("string", typeof(string)),
        ("datetime", typeof(DateTime)), ("datetimeoffset", typeof(DateTimeOffset)), ("date", typeof(DateOnly)),
        ("time", typeof(TimeOnly)), ("timespan", typeof(TimeSpan)), ("guid", typeof(Guid)), ("bytes", typeof(byte[])),
    ];

    /// <summary>The wire name of a CLR type (nullable unwrapped); null when the type has no wire form.</summary>
    public static string? NameOf(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        foreach (var (name, t) in Scalars) if (t == type) return name;
        if (type.IsArray && type.GetElementType() is { } element && NameOf(element) is { } inner && inner != "bytes" && !inner.EndsWith("[]", StringComparison.Ordinal))
            return inner + "[]";
        return null;
    }

    /// <summary>The CLR type of a wire name (arrays of non-nullable elements); null for an unknown name.</summary>
    public static Type? TypeOf(string name)
    {
        if (name.EndsWith("[]", StringComparison.Ordinal))
            return name.Length > 2 && TypeOf(name[..^2]) is { } element && element != typeof(byte[]) && !element.IsArray ? element.MakeArrayType() : null;
        foreach (var (n, t) in Scalars) if (n == name) return t;
        return null;
    }

    /// <summary>Writes a value of a type <see cref="NameOf"/> knows (null as JSON null).</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null or DBNull: writer.WriteNullValue(); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case short s: writer.WriteNumberValue(s); break;
            case int i: writer.WriteNumberValue(i); break;
            case long l: writer.WriteNumberValue(l); break;
            case float f when float.IsFinite(f): writer.WriteNumberValue(f); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case float f: writer.WriteStringValue(f.ToString(CultureInfo.InvariantCulture)); break;
            case double d: writer.WriteStringValue(d.ToString(CultureInfo.InvariantCulture)); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case string text: writer.WriteStringValue(text); break;
            case DateTime dt: writer.WriteStringValue(dt.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset dto: writer.WriteStringValue(dto.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateOnly date: writer.WriteStringValue(date.ToString("O", CultureInfo.InvariantCulture)); break;
            case TimeOnly time: writer.WriteStringValue(time.ToString("O", CultureInfo.InvariantCulture)); break;
            case TimeSpan span: writer.WriteStringValue(span.ToString("c", CultureInfo.InvariantCulture)); break;
            case Guid guid: writer.WriteStringValue(guid); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            case Array array:
                writer.WriteStartArray();
                foreach (var item in array) Write(writer, item);
                writer.WriteEndArray();
                break;
            default: throw new ArgumentException($"{value.GetType().Name} has no wire form.", nameof(value));
        }
    }

    public static JsonElement ToElement(object? value)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, value);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>Reads the JSON form of a value of <paramref name="type"/> (from <see cref="TypeOf"/>). An array whose
    /// elements hold null reads as an array of the nullable element type.</summary>
    public static object? Read(JsonElement json, Type type)
    {
        if (json.ValueKind == JsonValueKind.Null) return null;
        if (type.IsArray && type != typeof(byte[]))
        {
            var element = type.GetElementType()!;
            var items = json.EnumerateArray().Select(e => Read(e, element)).ToList();
            var target = element.IsValueType && items.Contains(null) ? typeof(Nullable<>).MakeGenericType(element) : element;
            var array = Array.CreateInstance(target, items.Count);
            for (var i = 0; i < items.Count; i++) array.SetValue(items[i], i);
            return array;
        }
        var c = CultureInfo.InvariantCulture;
        return type switch
        {
            _ when type == typeof(bool) => json.GetBoolean(),
            _ when type == typeof(short) => json.GetInt16(),
            _ when type == typeof(int) => json.GetInt32(),
            _ when type == typeof(long) => json.GetInt64(),
            _ when type == typeof(float) => json.ValueKind == JsonValueKind.String ? float.Parse(json.GetString()!, c) : json.GetSingle(),
            _ when type == typeof(double) => json.ValueKind == JsonValueKind.String ? double.Parse(json.GetString()!, c) : json.GetDouble(),
            _ when type == typeof(decimal) => json.GetDecimal(),
            _ when type == typeof(string) => json.GetString(),
            _ when type == typeof(DateTime) => DateTime.Parse(json.GetString()!, c, DateTimeStyles.RoundtripKind),
            _ when type == typeof(DateTimeOffset) => DateTimeOffset.Parse(json.GetString()!, c, DateTimeStyles.RoundtripKind),
            _ when type == typeof(DateOnly) => DateOnly.Parse(json.GetString()!, c),
            _ when type == typeof(TimeOnly) => TimeOnly.Parse(json.GetString()!, c),
            _ when type == typeof(TimeSpan) => TimeSpan.Parse(json.GetString()!, c),
            _ when type == typeof(Guid) => json.GetGuid(),
            _ when type == typeof(byte[]) => json.GetBytesFromBase64(),
            _ => throw new ArgumentException($"{type.Name} has no wire form.", nameof(type)),
        };
    }
}
