using Sept.Functions.Workspaces;

namespace Sept.Functions.Connections;

/// <summary>A connection as the API shows it: never the password, only whether one is set. Viewers get the name and
/// provider only (they see that a notebook uses "warehouse", not where it lives).</summary>
public sealed record ConnectionDto(
    string Id, string Name, ConnectionProvider Provider, string? Host = null, int? Port = null, string? Database = null,
    string? Username = null, bool? HasPassword = null, long? Version = null, DateTimeOffset? CreatedAt = null, DateTimeOffset? UpdatedAt = null)
{
    public static ConnectionDto From(ConnectionRecord c, WorkspaceRole role) => role >= WorkspaceRole.Editor
        ? new(c.Id, c.Name, c.Provider, c.Host, c.Port, c.Database, c.Username, c.ProtectedPassword is not null, c.Version, c.CreatedAt, c.UpdatedAt)
        : new(c.Id, c.Name, c.Provider);
}

/// <summary>POST body (create, or test before saving). Port defaults to the provider's.</summary>
public sealed record ConnectionBody(
    string? Name, ConnectionProvider? Provider, string? Host, int? Port, string? Database, string? Username, string? Password);

/// <summary>PATCH body: absent fields stay; <c>password: ""</c> removes the password, a value replaces it.</summary>
public sealed record ConnectionPatch(
    string? Name, ConnectionProvider? Provider, string? Host, int? Port, string? Database, string? Username, string? Password);

/// <summary>The answer of a test: ok with the server's version, or not ok with a readable reason.</summary>
public sealed record ConnectionTestResult(bool Ok, double ElapsedMs, string? ServerVersion = null, string? Error = null);

public sealed record SchemaColumn(string Name, string Type);

public sealed record SchemaTable(string Schema, string Name, string Kind, IReadOnlyList<SchemaColumn> Columns);

public sealed record ConnectionSchema(DateTimeOffset ReadAt, IReadOnlyList<SchemaTable> Tables);
