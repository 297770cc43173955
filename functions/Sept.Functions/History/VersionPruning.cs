namespace Sept.Functions.History;

/// <summary>Which versions go when a project has more than it may keep: the oldest auto versions first, then the
/// oldest of the rest; the newest version always stays (it is the one just taken, and dropping it would make the
/// next edit take another). Both stores use this, so they drop the same ones.</summary>
public static class VersionPruning
{
    public static IReadOnlyList<VersionSummary> Excess(IReadOnlyCollection<VersionSummary> versions, int keep)
    {
        var excess = versions.Count - Math.Max(keep, 1);
        if (excess <= 0) return [];
        var oldestFirst = versions.OrderBy(v => v.CreatedAt).ThenBy(v => v.Id, StringComparer.Ordinal).SkipLast(1).ToList();
        return [.. oldestFirst.Where(v => v.Kind == VersionKind.Auto)
            .Concat(oldestFirst.Where(v => v.Kind != VersionKind.Auto))
            .Take(excess)];
    }
}
