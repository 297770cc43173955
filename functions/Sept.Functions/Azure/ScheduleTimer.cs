using System.Text.Json.Nodes;
using Sept.Azure.Functions;
using Sept.Functions.Schedules;

namespace Sept.Functions.Azure;

/// <summary>The "schedules" timer (POST /schedules, every minute, and once when the host starts, which runs missed
/// schedules): claims due schedules and runs them. Their runs go through the Service Bus session queue like any run;
/// this invocation follows them to record the outcome, so a schedule's timeout must stay under host.json's
/// functionTimeout.</summary>
public sealed class ScheduleTimer(ScheduleTicker ticker)
{
    public async Task<InvocationReply> HandleAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var tick = FunctionsInvocation.ParseTimerTrigger(payload);
        if (!tick.IsValid) return new InvocationReply(StatusCodes.Status400BadRequest, "text/plain", tick.Error!);
        var runs = await ticker.TickAsync(cancellationToken);
        var response = new InvocationResponse()
            .Log($"Schedules{(tick.Value!.IsPastDue ? " (past due)" : "")}: {runs.Count} ran, {runs.Count(r => r.Status != "success")} did not succeed.")
            .ReturnValue(new JsonObject { ["ran"] = runs.Count });
        return new InvocationReply(StatusCodes.Status200OK, "application/json", response.ToJson());
    }
}
