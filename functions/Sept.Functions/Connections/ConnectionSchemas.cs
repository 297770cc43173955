using System.Collections.Concurrent;
using System.Data.Common;

namespace Sept.Functions.Connections;

/// <summary>The tables, views and columns of a connection, read from information_schema and cached per connection
/// version for <see cref="CacheFor"/> (refresh=true reads again). At most <see cref="MaxColumns"/> columns are kept.</summary>
public sealed class ConnectionSchemas(ConnectionQueries queries, TimeProvider clock)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(10);

    public const int MaxColumns = 20_000;

    private readonly ConcurrentDictionary<string, (long Version, ConnectionSchema Schema)> _cache = new();

    public async Task<ConnectionSchema> GetAsync(ConnectionRecord connection, bool refresh, CancellationToken cancellationToken)
    {
        if (!refresh && _cache.TryGetValue(connection.Id, out var cached) && cached.Version == connection.Version
            && clock.GetUtcNow() - cached.Schema.ReadAt < CacheFor)
            return cached.Schema;
        var result = await queries.QueryAsync(connection, queries.Dialect(connection.Provider).SchemaQuery, [], cancellationToken);
        var tables = result.Rows.Take(MaxColumns)
            .GroupBy(r => (Schema: Text(r[0]), Table: Text(r[1]), Kind: Text(r[2])))
            .Select(g => new SchemaTable(g.Key.Schema, g.Key.Table, g.Key.Kind, [.. g.Select(r => new SchemaColumn(Text(r[3]), Text(r[4])))]))
            .ToList();
        var schema = new ConnectionSchema(clock.GetUtcNow(), tables);
        _cache[connection.Id] = (connection.Version, schema);
        return schema;
    }

    public void Forget(string connectionId) => _cache.TryRemove(connectionId, out _);

    private static string Text(object? value) => value?.ToString() ?? "";
}
