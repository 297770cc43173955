using System.Text.RegularExpressions;

namespace Sept.Functions.Connections;

/// <summary>Field rules for connections. Names are what SQL cells write in config.connection, so they are short
/// identifiers; hosts may not carry spaces or ';' (the driver builders escape anyway).</summary>
public static partial class ConnectionValidation
{
    public static string? Problem(ConnectionRecord c, string? password)
    {
        if (!NamePattern().IsMatch(c.Name)) return $"name must start with a letter and be 1..64 letters, digits, '_' or '-' (got '{c.Name}').";
        if (c.Host.Length is 0 or > 255 || c.Host.Any(ch => char.IsWhiteSpace(ch) || ch == ';')) return "host must be 1..255 characters without spaces or ';'.";
        if (c.Port is < 1 or > 65535) return "port must be 1..65535.";
        if (c.Database.Length is 0 or > 128) return "database must be 1..128 characters.";
        if (c.Username.Length is 0 or > 128) return "username must be 1..128 characters.";
        if (password is { Length: > 1024 }) return "password may be at most 1024 characters.";
        return null;
    }

    public static bool IsValidId(string? id) => id is { Length: 32 } && Guid.TryParseExact(id, "N", out _);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();
}
