using System.Text.Json.Serialization;
using Sept.Functions.Cells;
using Sept.Functions.Projects;
using Sept.Functions.Storage;

namespace Sept.Functions.Realtime;

/// <summary>An event sent to a project's group. <see cref="Target"/> is the SignalR method name clients listen on;
/// the record itself is the single argument.</summary>
public abstract record RealtimeEvent
{
    [JsonIgnore]
    public abstract string Target { get; }

    /// <summary>The project whose group the event goes to, stamped by <see cref="IRealtime"/> on publish: a client
    /// drops events of any other project (a connection might have been put into a group it did not ask for).</summary>
    public string? ProjectId { get; init; }
}

/// <summary>A cell changed (content, state, outputs). Clients keep the copy with the highest revision.</summary>
public sealed record CellUpdated(CellDto Cell) : RealtimeEvent
{
    public override string Target => "cellUpdated";
}

/// <summary>One output while a cell runs. <paramref name="Sequence"/> orders outputs within the run.</summary>
public sealed record CellOutputProduced(string CellId, string RunId, int Sequence, CellOutput Output) : RealtimeEvent
{
    public override string Target => "cellOutput";
}

/// <summary>A run ended. <paramref name="SupersededBy"/> is set when a newer run of the same cells replaced it
/// before it started (then nothing ran).</summary>
public sealed record RunFinished(string RunId, IReadOnlyList<string> CellIds, double Ms, string? SupersededBy = null) : RealtimeEvent
{
    public override string Target => "runFinished";
}

/// <summary>Cells added, moved or removed, or the project renamed: clients re-read the cell list from
/// <paramref name="Project"/> (which carries the ordered cells).</summary>
public sealed record ProjectChanged(ProjectDto Project) : RealtimeEvent
{
    public override string Target => "projectChanged";
}
