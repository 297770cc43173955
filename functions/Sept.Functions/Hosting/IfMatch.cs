using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Sept.Functions.Hosting;

/// <summary>Reads "If-Match: 3" (also "\"3\"" and W/"3") as the version an edit is based on.</summary>
public static class IfMatch
{
    public static (long? Version, ProblemHttpResult? Problem) Read(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header)) return (null, null);
        var text = header.Trim();
        if (text.StartsWith("W/", StringComparison.Ordinal)) text = text[2..];
        text = text.Trim('"');
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? (version, null)
            : (null, Problems.BadRequest($"If-Match must be the version number the edit is based on (got '{header}')."));
    }
}
