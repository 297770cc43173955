namespace Sept.Functions.Runs;

/// <summary>Ordered run requests per project. Local: one in-process FIFO and consumer per project.
/// Azure: Service Bus session queue (SessionId = projectId, MessageId = runId) consumed by a trigger function
/// that hands each message to <see cref="RunExecutor"/>.</summary>
public interface IRunQueue
{
    /// <summary>Queues the run behind the project's earlier runs. A queued (not yet running) request of the same
    /// project for the same cells is dropped in its favour; the dropped one is returned so its cells can be told.</summary>
    Task<RunRequest?> EnqueueAsync(RunRequest request, CancellationToken cancellationToken);
}
