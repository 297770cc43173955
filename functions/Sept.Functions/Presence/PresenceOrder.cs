namespace Sept.Functions.Presence;

/// <summary>The order every presence list comes in.</summary>
public static class PresenceOrder
{
    public static List<PresenceEntry> Sort(IEnumerable<PresenceEntry> entries) =>
        [.. entries.OrderBy(e => e.User.Name, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.SessionId, StringComparer.Ordinal)];
}
