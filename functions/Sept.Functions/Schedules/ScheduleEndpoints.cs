using Microsoft.AspNetCore.Http.HttpResults;
using Sept.Functions.Hosting;
using Sept.Functions.Storage;
using Sept.Functions.Workspaces;

namespace Sept.Functions.Schedules;

/// <summary>/api/projects/{projectId}/schedules: list, create, read, change, delete, run now, run history.
/// Editors manage schedules; viewers read them (without webhook URLs) and their runs.</summary>
public static class ScheduleEndpoints
{
    public static IEndpointRouteBuilder MapSchedules(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/projects/{projectId}/schedules");
        group.MapGet("/", ListAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapPost("/", CreateAsync).RequireProjectRole(WorkspaceRole.Editor);
        group.MapGet("/{scheduleId}", GetAsync).RequireProjectRole(WorkspaceRole.Viewer);
        group.MapPatch("/{scheduleId}", UpdateAsync).RequireProjectRole(WorkspaceRole.Editor);
        group.MapDelete("/{scheduleId}", DeleteAsync).RequireProjectRole(WorkspaceRole.Editor);
        group.MapPost("/{scheduleId}/run", RunNowAsync).RequireProjectRole(WorkspaceRole.Editor);
        group.MapGet("/{scheduleId}/runs", RunsAsync).RequireProjectRole(WorkspaceRole.Viewer);
        return routes;
    }

    private static async Task<Ok<ScheduleDto[]>> ListAsync(HttpContext http, IScheduleStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var access = http.Access();
        return TypedResults.Ok((await store.ListAsync(access.Project.Id, cancellationToken))
            .Select(s => ScheduleDto.From(s, access.Role >= WorkspaceRole.Editor, clock.GetUtcNow())).ToArray());
    }

    private static async Task<Results<Created<ScheduleDto>, ProblemHttpResult>> CreateAsync(
        ScheduleBody body, HttpContext http, IScheduleStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var access = http.Access();
        if ((await store.ListAsync(access.Project.Id, cancellationToken)).Count >= ScheduleLimits.MaxSchedulesPerProject)
            return Problems.Problem(StatusCodes.Status409Conflict, "Too many schedules", $"A project may have at most {ScheduleLimits.MaxSchedulesPerProject} schedules.");
        var now = clock.GetUtcNow();
        var draft = new ScheduleRecord(access.Project.Id, ScheduleRecord.NewId(), "", "", "UTC", ScheduleMode.Stale,
            new Dictionary<string, System.Text.Json.JsonElement>(), 600, 0, null, true, access.User.Name, now, 1, null);
        var (schedule, problem) = ScheduleValidation.Apply(draft, body, now, creating: true);
        if (schedule is null) return Problems.Problem(StatusCodes.Status400BadRequest, "Invalid schedule", problem!);
        if (await store.CreateAsync(schedule, cancellationToken) is not SaveOutcome<ScheduleRecord>.Saved saved)
            return Problems.NotFound($"Project {access.Project.Id} does not exist.");
        return TypedResults.Created($"/api/projects/{access.Project.Id}/schedules/{saved.Value.Id}", ScheduleDto.From(saved.Value, true, now));
    }

    private static async Task<Results<Ok<ScheduleDto>, ProblemHttpResult>> GetAsync(
        string scheduleId, HttpContext http, IScheduleStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var access = http.Access();
        return await store.GetAsync(access.Project.Id, scheduleId, cancellationToken) is { } s
            ? TypedResults.Ok(ScheduleDto.From(s, access.Role >= WorkspaceRole.Editor, clock.GetUtcNow()))
            : Missing(http, scheduleId);
    }

    private static async Task<Results<Ok<ScheduleDto>, ProblemHttpResult>> UpdateAsync(
        string scheduleId, ScheduleBody body, HttpContext http, IScheduleStore store, TimeProvider clock, CancellationToken cancellationToken)
    {
        var access = http.Access();
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await store.GetAsync(access.Project.Id, scheduleId, cancellationToken) is not { } current) return Missing(http, scheduleId);
            var now = clock.GetUtcNow();
            var (changed, problem) = ScheduleValidation.Apply(current, body, now, creating: false);
            if (changed is null) return Problems.Problem(StatusCodes.Status400BadRequest, "Invalid schedule", problem!);
            switch (await store.UpdateAsync(changed, current.Version, cancellationToken))
            {
                case SaveOutcome<ScheduleRecord>.Saved saved: return TypedResults.Ok(ScheduleDto.From(saved.Value, true, now));
                case SaveOutcome<ScheduleRecord>.Stale: continue;
                default: return Missing(http, scheduleId);
            }
        }
        return Problems.Problem(StatusCodes.Status409Conflict, "Conflict", "The schedule kept changing (it may be running); try again.");
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string scheduleId, HttpContext http, IScheduleStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(http.Access().Project.Id, scheduleId, cancellationToken) ? TypedResults.NoContent() : Missing(http, scheduleId);

    /// <summary>Starts the schedule now (in the background); 409 while it runs.</summary>
    private static async Task<Results<Accepted<ScheduleDto>, ProblemHttpResult>> RunNowAsync(
        string scheduleId, HttpContext http, IScheduleStore store, ScheduleTicker ticker, TimeProvider clock, IHostApplicationLifetime lifetime,
        CancellationToken cancellationToken)
    {
        var access = http.Access();
        if (await store.GetAsync(access.Project.Id, scheduleId, cancellationToken) is not { } schedule) return Missing(http, scheduleId);
        if (ScheduleTicker.IsRunning(schedule, clock.GetUtcNow()))
            return Problems.Problem(StatusCodes.Status409Conflict, "Already running", "This schedule is running; a schedule never runs twice at once.");
        _ = Task.Run(() => ticker.RunNowAsync(schedule, lifetime.ApplicationStopping), CancellationToken.None);
        return TypedResults.Accepted($"/api/projects/{access.Project.Id}/schedules/{scheduleId}/runs", ScheduleDto.From(schedule, true, clock.GetUtcNow()));
    }

    private static async Task<Results<Ok<ScheduleRunRecord[]>, ProblemHttpResult>> RunsAsync(
        string scheduleId, HttpContext http, IScheduleStore store, CancellationToken cancellationToken)
    {
        var access = http.Access();
        if (await store.GetAsync(access.Project.Id, scheduleId, cancellationToken) is null) return Missing(http, scheduleId);
        return TypedResults.Ok((await store.ListRunsAsync(access.Project.Id, scheduleId, cancellationToken)).ToArray());
    }

    private static ProblemHttpResult Missing(HttpContext http, string scheduleId) =>
        Problems.NotFound($"Schedule {scheduleId} does not exist in project {http.Access().Project.Id}.");
}
