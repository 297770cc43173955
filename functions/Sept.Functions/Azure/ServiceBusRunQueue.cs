using Sept.Azure.ServiceBus;
using Sept.Functions.Runs;

namespace Sept.Functions.Azure;

/// <summary>Azure <see cref="IRunQueue"/>: one Service Bus session queue, SessionId = projectId (FIFO per project,
/// one consumer per session), MessageId = runId (duplicate detection drops a resend). A sent message cannot be
/// withdrawn, so superseding goes through <see cref="CosmosRunLedger"/>: the run is recorded as the pending run of
/// its cells before it is sent, the pending run it replaces is returned (as the local queue does) and that run's
/// message does nothing on delivery (<see cref="RunInvocation"/> claims each run first).</summary>
public sealed class ServiceBusRunQueue(ServiceBusRestSender sender, CosmosRunLedger ledger) : IRunQueue
{
    /// <summary>Runs not picked up within this time are dropped to the dead-letter queue.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);

    public async Task<RunRequest?> EnqueueAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var replaced = await ledger.QueueAsync(request, cancellationToken);
        var message = new ServiceBusMessage(request.ProjectId.ToString(), request.RunId, RunMessage.Of(request).ToUtf8(), TimeToLive, "run");
        var sent = await sender.SendAsync(message, cancellationToken);
        if (sent.Succeeded) return replaced;
        await ledger.UnqueueAsync(request, replaced, CancellationToken.None);
        throw new RunQueueUnavailableException($"Run {request.RunId} could not be queued: {sent.Error}");
    }
}

/// <summary>The run queue could not take a run (Service Bus refused or unreachable after retries).</summary>
public sealed class RunQueueUnavailableException(string message) : Exception(message);
