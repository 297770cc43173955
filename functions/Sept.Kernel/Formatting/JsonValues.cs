using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Text.Json;
using Sept.Kernel.Scripting;

namespace Sept.Kernel.Formatting;

/// <summary>Writes cell values as JSON (table cells, chart data) and as display text, without reflection serialisers.</summary>
internal static class JsonValues
{
    private const int MaxDepth = 3;

    public static JsonElement Element(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    public static JsonElement String(string text) => Element(w => w.WriteStringValue(text));

    public static void Write(Utf8JsonWriter writer, object? value, int depth = 0)
    {
        switch (value)
        {
            case null or DBNull: writer.WriteNullValue(); break;
            case bool b: writer.WriteBooleanValue(b); break;
            case string s: writer.WriteStringValue(s); break;
            case char c: writer.WriteStringValue(c.ToString()); break;
            case byte or sbyte or short or ushort or int or uint or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture)); break;
            case ulong u: writer.WriteNumberValue(u); break;
            case float f when float.IsFinite(f): writer.WriteNumberValue(f); break;
            case double d when double.IsFinite(d): writer.WriteNumberValue(d); break;
            case decimal m: writer.WriteNumberValue(m); break;
            case BigInteger big: writer.WriteRawValue(big.ToString(CultureInfo.InvariantCulture)); break;
            case DateTime t: writer.WriteStringValue(t.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateTimeOffset t: writer.WriteStringValue(t.ToString("O", CultureInfo.InvariantCulture)); break;
            case DateOnly d: writer.WriteStringValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case byte[] bytes: writer.WriteBase64StringValue(bytes); break;
            case IEnumerable items when depth < MaxDepth:
                writer.WriteStartArray();
                foreach (var item in items) Write(writer, item, depth + 1);
                writer.WriteEndArray();
                break;
            default: writer.WriteStringValue(Text(value)); break;
        }
    }

    /// <summary>A value as the user would read it: invariant culture, user names restored.</summary>
    public static string Text(object? value) => value switch
    {
        null or DBNull => "null",
        string s => s,
        bool b => b ? "true" : "false",
        DateTime t => t.ToString(t.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => CellNames.Demangle(value.ToString() ?? ""),
    };

    public static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime)
            || type == typeof(DateTimeOffset) || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(TimeSpan)
            || type == typeof(Guid) || type == typeof(BigInteger) || type == typeof(byte[]);
    }
}
