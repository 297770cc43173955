namespace Sept.Functions.History;

/// <summary>Configuration section "Sept:History".</summary>
public sealed class HistoryOptions
{
    public const string Section = "Sept:History";

    /// <summary>An edit takes an auto version when the newest version is older than this (or there is none).</summary>
    public TimeSpan AutoInterval { get; set; } = TimeSpan.FromMinutes(10);
}
