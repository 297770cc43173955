using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sept.Functions.Cells;
using Sept.Functions.Kernels;
using Sept.Functions.Projects;
using Sept.Functions.Runs;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Planning;

namespace Sept.Functions.Schedules;

/// <summary>Runs one schedule once, like a user's run: sets the schedule's input values (through the same command
/// as an edit, so reactive projects re-run what depends on them), starts a run of the stale cells or of all cells
/// through the run queue, and follows the cells until none is queued or running. Past the timeout the kernel is
/// interrupted and the attempt counts as "timeout"; a failed or timed-out attempt is retried up to Retries times.</summary>
public sealed class ScheduledRun(NotebookReader reader, CellCommands cells, RunStarter runs, IKernelHost kernels, ILogger<ScheduledRun> logger)
{
    /// <summary>How often the cells' states are read while a run is followed.</summary>
    public static TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public async Task<ScheduleRunRecord> ExecuteAsync(ScheduleRecord schedule, string trigger, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var attempt = 0;
        (string Status, string? Error, string? RunId, IReadOnlyList<ScheduleCellResult> Cells) result;
        do
        {
            attempt++;
            result = await AttemptAsync(schedule, cancellationToken);
            if (result.Status != "success")
                logger.LogWarning("Schedule {ScheduleId} of project {ProjectId}: attempt {Attempt} ended {Status}: {Error}",
                    schedule.Id, schedule.ProjectId, attempt, result.Status, result.Error);
        }
        while (result.Status != "success" && attempt <= schedule.Retries && !cancellationToken.IsCancellationRequested && result.Error != ProjectGone);
        return new ScheduleRunRecord(schedule.ProjectId, schedule.Id, Guid.NewGuid().ToString("N"), trigger, startedAt,
            clock.Elapsed.TotalMilliseconds, result.Status, attempt, result.Cells, result.Error, result.RunId);
    }

    public const string ProjectGone = "The project no longer exists.";

    private async Task<(string, string?, string?, IReadOnlyList<ScheduleCellResult>)> AttemptAsync(ScheduleRecord schedule, CancellationToken cancellationToken)
    {
        if (await reader.LoadAsync(schedule.ProjectId, cancellationToken) is null) return ("failed", ProjectGone, null, []);
        if (await SetInputsAsync(schedule, cancellationToken) is { } problem) return ("failed", problem, null, []);
        var loaded = await reader.LoadAsync(schedule.ProjectId, cancellationToken);
        if (loaded is null) return ("failed", ProjectGone, null, []);
        var mode = schedule.Mode == ScheduleMode.All ? RunMode.All : RunMode.Stale;
        var (started, refused) = await runs.StartAsync(loaded, new StartRun(null, mode), $"schedule \"{schedule.Name}\"", cancellationToken);
        if (refused is not null) return ("failed", refused, null, []);
        var limit = Stopwatch.StartNew();
        var timeout = TimeSpan.FromSeconds(schedule.TimeoutSeconds);
        while (true)
        {
            await Task.Delay(PollInterval, cancellationToken);
            var now = await reader.LoadAsync(schedule.ProjectId, cancellationToken);
            if (now is null) return ("failed", ProjectGone, started?.RunId, []);
            var busy = now.Notebook.Cells.Any(c => c.Run.State is CellState.Queued or CellState.Running);
            if (!busy) return Outcome(now, started?.RunId);
            if (limit.Elapsed > timeout)
            {
                await kernels.InterruptAsync(schedule.ProjectId, cancellationToken);
                var after = await reader.LoadAsync(schedule.ProjectId, cancellationToken);
                return ("timeout", $"The run took longer than {schedule.TimeoutSeconds} s and was interrupted.", started?.RunId,
                    after is null ? [] : Results(after));
            }
        }
    }

    private static (string, string?, string?, IReadOnlyList<ScheduleCellResult>) Outcome(LoadedNotebook loaded, string? runId)
    {
        var results = Results(loaded);
        var failed = results.Where(c => c.State is "error" or "cancelled").ToList();
        return failed.Count == 0
            ? ("success", null, runId, results)
            : ("failed", $"{failed.Count} cell{(failed.Count == 1 ? "" : "s")} failed: {string.Join(", ", failed.Select(f => f.CellId))}.", runId, results);
    }

    private static IReadOnlyList<ScheduleCellResult> Results(LoadedNotebook loaded) =>
        [.. loaded.Notebook.Cells.Select(c => new ScheduleCellResult(c.Id.ToString(), CellMapping.KindName(c.Kind), CellMapping.StateName(c.Run.State),
            c.Run.LastRunMs, c.Run.Outputs))];

    /// <summary>Gives each input cell named in the schedule its value; null, or why not.</summary>
    private async Task<string?> SetInputsAsync(ScheduleRecord schedule, CancellationToken cancellationToken)
    {
        foreach (var (name, value) in schedule.Inputs)
        {
            var loaded = await reader.LoadAsync(schedule.ProjectId, cancellationToken);
            var cell = loaded?.Notebook.Cells.FirstOrDefault(c => c.Kind == CellKind.Input && InputName(c.Config) == name);
            if (cell is null) return $"The schedule sets input \"{name}\", which no input cell of the project defines.";
            var config = JsonNode.Parse(cell.Config!.Value.GetRawText())!.AsObject();
            if (config["value"] is { } current && JsonNode.DeepEquals(current, JsonNode.Parse(value.GetRawText()))) continue;
            config["value"] = JsonNode.Parse(value.GetRawText());
            var edit = await cells.UpdateAsync(schedule.ProjectId, cell.Id, new UpdateCell(null, JsonSerializer.SerializeToElement(config)), cell.Version, cancellationToken);
            if (edit is not CellOutcome.Done) return $"Could not set input \"{name}\": {edit.GetType().Name.ToLowerInvariant()}.";
        }
        return null;
    }

    private static string? InputName(JsonElement? config) =>
        config is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
}
