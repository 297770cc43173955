using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Sept.Functions.Realtime;

/// <summary>The local hub's open connections by user id, so a removed member's connections can be closed.</summary>
public sealed class HubConnections
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, HubCallerContext>> _byUser = new();

    public void Add(string userId, HubCallerContext connection) =>
        _byUser.GetOrAdd(userId, _ => new ConcurrentDictionary<string, HubCallerContext>())[connection.ConnectionId] = connection;

    public void Remove(string userId, string connectionId)
    {
        if (_byUser.TryGetValue(userId, out var connections)) connections.TryRemove(connectionId, out _);
    }

    public bool Owns(string userId, string connectionId) =>
        _byUser.TryGetValue(userId, out var connections) && connections.ContainsKey(connectionId);

    /// <summary>Aborts every connection of the user; returns how many there were.</summary>
    public int Abort(string userId)
    {
        if (!_byUser.TryRemove(userId, out var connections)) return 0;
        foreach (var connection in connections.Values) connection.Abort();
        return connections.Count;
    }
}
