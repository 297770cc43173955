using Sept.Azure.ServiceBus;
using Sept.Functions.Runs;

namespace Sept.Functions.Azure;

/// <summary>Azure <see cref="IRunQueue"/>: one message per run on the session queue "runs" through the Service Bus
/// REST sender. SessionId = projectId keeps one project's runs in order and on one consumer at a time;
/// MessageId = runId makes a resend inside the duplicate-detection window a no-op. The "runs" function delivers
/// each message to POST /runs (<see cref="RunInvocation"/>).
/// <para>Unlike the in-process queue, a queued message cannot be taken back, so nothing is superseded here:
/// a newer run of the same cells simply runs after the older one.</para></summary>
public sealed class ServiceBusRunQueue(ServiceBusRestSender sender) : IRunQueue
{
    /// <summary>Runs not picked up within this time are dropped to the dead-letter queue.</summary>
    public static readonly TimeSpan TimeToLive = TimeSpan.FromHours(1);

    public async Task<RunRequest?> EnqueueAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var message = new ServiceBusMessage(request.ProjectId.ToString(), request.RunId, RunMessage.Of(request).ToUtf8(), TimeToLive, "run");
        var sent = await sender.SendAsync(message, cancellationToken);
        if (!sent.Succeeded) throw new RunQueueUnavailableException($"Run {request.RunId} could not be queued: {sent.Error}");
        return null;
    }
}

/// <summary>The run queue could not take a run (Service Bus refused or unreachable after retries).</summary>
public sealed class RunQueueUnavailableException(string message) : Exception(message);
