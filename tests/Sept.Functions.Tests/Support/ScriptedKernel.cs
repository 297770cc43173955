using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Sept.Functions.Kernels;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Support;

/// <summary>An in-test kernel double for scheduler semantics: a cell whose source contains "fail" errors,
/// one containing "gate" waits until the test opens the gate or interrupts; every run prints "ran {source}". Records executions.</summary>
public sealed class ScriptedKernel : IKernelHost
{
    private readonly ConcurrentQueue<(ProjectId Project, ExecuteRequest Request)> _executed = new();

    private readonly TaskCompletionSource _interrupt = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<ExecuteRequest> Executed(ProjectId projectId) => [.. _executed.Where(e => e.Project == projectId).Select(e => e.Request)];

    public async IAsyncEnumerable<KernelEvent> ExecuteAsync(
        ProjectId projectId, ExecuteRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        _executed.Enqueue((projectId, request));
        yield return new StartedEvent(request.RunId, request.CellId);
        if (request.Source.Contains("gate", StringComparison.Ordinal))
        {
            await Task.WhenAny(Gate.Task, _interrupt.Task).WaitAsync(cancellationToken);
            if (_interrupt.Task.IsCompleted)
            {
                yield return new ErrorEvent(request.RunId, request.CellId, "Interrupted", "The cell was interrupted.");
                yield return new FinishedEvent(request.RunId, request.CellId, RunStatus.Cancelled, 1);
                yield break;
            }
        }
        yield return new StreamEvent(request.RunId, request.CellId, StreamNames.Stdout, $"ran {request.Source}\n");
        if (request.Source.Contains("fail", StringComparison.Ordinal))
        {
            yield return new ErrorEvent(request.RunId, request.CellId, "Failure", "asked to fail", 1, 1);
            yield return new FinishedEvent(request.RunId, request.CellId, RunStatus.Error, 1);
            yield break;
        }
        if (request.Source.Contains("big", StringComparison.Ordinal))
            yield return new DisplayEvent(request.RunId, request.CellId,
                new Dictionary<string, JsonElement> { ["text/plain"] = JsonSerializer.SerializeToElement(new string('x', 200_000)) });
        yield return new FinishedEvent(request.RunId, request.CellId, RunStatus.Success, 1);
    }

    /// <summary>Stops a waiting "gate" cell (for good: later gate cells stop at once too).</summary>
    public Task<InterruptOutcome> InterruptAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        Task.FromResult(_interrupt.TrySetResult() ? InterruptOutcome.Interrupted : InterruptOutcome.Idle);

    public Task RestartAsync(ProjectId projectId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task ForgetAsync(ProjectId projectId, IReadOnlyList<CellId> cellIds, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<JsonElement?> GetTablePageAsync(ProjectId projectId, CellId cellId, int offset, int limit, CancellationToken cancellationToken) =>
        Task.FromResult<JsonElement?>(null);

    public Task<ValuesResponse> ReadValuesAsync(ProjectId projectId, IReadOnlyDictionary<string, string> bindings, CancellationToken cancellationToken) =>
        Task.FromResult(new ValuesResponse(new Dictionary<string, WireValue>(), bindings.Keys.ToDictionary(k => k, k => "no value in the scripted kernel")));

    public Task PutFileAsync(ProjectId projectId, string fileName, Stream content, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(ProjectId projectId, CancellationToken cancellationToken) => Task.CompletedTask;
}
