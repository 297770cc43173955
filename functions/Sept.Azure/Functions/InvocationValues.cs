using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sept.Azure.Functions;

/// <summary>
/// Reads values the Functions host wrote with Json.NET: byte[] as base64, objects as JSON, everything else through
/// JsonConvert.SerializeObject, so strings arrive JSON-encoded twice ("\"abc\"") and numbers as strings ("5").
/// </summary>
internal static class InvocationValues
{
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in obj.EnumerateObject())
            {
                if (!string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase)) continue;
                value = property.Value;
                return true;
            }
        }
        value = default;
        return false;
    }

    /// <summary>Message body bytes: base64 (dataType binary), a double-encoded JSON string, a plain string or JSON.</summary>
    public static byte[] Body(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String when Unwrap(value.GetString()!) is { } text => Encoding.UTF8.GetBytes(text),
        JsonValueKind.String when TryBase64(value.GetString()!) is { } bytes => bytes,
        JsonValueKind.String => Encoding.UTF8.GetBytes(value.GetString()!),
        JsonValueKind.Null or JsonValueKind.Undefined => [],
        _ => Encoding.UTF8.GetBytes(value.GetRawText()),
    };

    public static string? String(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => Unwrap(value.GetString()!) ?? value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        };
    }

    public static int? Int(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n)) return n;
        return String(obj, name) is { } s && int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out n) ? n : null;
    }

    public static bool? Bool(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var value)) return null;
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False) return value.GetBoolean();
        return String(obj, name) is { } s && bool.TryParse(s, out var b) ? b : null;
    }

    public static DateTimeOffset? Time(JsonElement obj, string name) =>
        String(obj, name) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>An object value, accepting one that was itself serialised into a string.</summary>
    public static JsonElement? Object(JsonElement obj, string name)
    {
        if (!TryGet(obj, name, out var value)) return null;
        if (value.ValueKind == JsonValueKind.Object) return value;
        if (value.ValueKind != JsonValueKind.String) return null;
        try
        {
            using var inner = JsonDocument.Parse(value.GetString()!);
            return inner.RootElement.ValueKind == JsonValueKind.Object ? inner.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The inner string of a JSON string literal ("\"abc\"" → abc); null when the text is not one.</summary>
    static string? Unwrap(string text)
    {
        if (text.Length < 2 || text[0] != '"' || text[^1] != '"') return null;
        try
        {
            using var doc = JsonDocument.Parse(text);
            return doc.RootElement.GetString();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static byte[]? TryBase64(string text) =>
        Base64.IsValid(text, out var length) && length > 0 ? Convert.FromBase64String(text) : null;
}
