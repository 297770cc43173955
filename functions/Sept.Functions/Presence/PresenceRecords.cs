using Sept.Functions.Identity;
using Sept.Functions.Realtime;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Presence;

/// <summary>One browser tab viewing a project: who, which cell they edit (if any), and the last heartbeat.</summary>
public sealed record PresenceEntry(ProjectId ProjectId, string SessionId, SeptUser User, CellId? CellId, DateTimeOffset LastSeen);

/// <summary>A viewer as the API shows it.</summary>
public sealed record ViewerDto(string SessionId, SeptUser User, string? CellId, DateTimeOffset LastSeen)
{
    public static ViewerDto From(PresenceEntry e) => new(e.SessionId, e.User, e.CellId?.ToString(), e.LastSeen);
}

/// <summary>PUT body of a heartbeat: the cell the viewer edits, or none.</summary>
public sealed record PresenceBeat(string? CellId);

/// <summary>Someone came, left, expired or moved to another cell: everyone viewing the project now.</summary>
public sealed record PresenceChanged(IReadOnlyList<ViewerDto> Viewers) : RealtimeEvent
{
    public override string Target => "presenceChanged";
}

/// <summary>Configuration section "Sept:Presence".</summary>
public sealed class PresenceOptions
{
    public const string Section = "Sept:Presence";

    /// <summary>A viewer not heard from for this long is gone (the web sends a heartbeat every 10 s).</summary>
    public TimeSpan Ttl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Live sessions a project may have (a tab is one); a heartbeat of a new session beyond it is refused (429).</summary>
    public int MaxSessionsPerProject { get; set; } = 200;

    /// <summary>Live sessions one user may have in a project.</summary>
    public int MaxSessionsPerUser { get; set; } = 20;

    /// <summary>How often expired viewers are removed and watchers told.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(5);
}
