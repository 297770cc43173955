using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Core;
using Sept.Azure.Sessions;
using Sept.Functions.Kernels;
using Sept.Functions.Storage.Cosmos;
using Sept.Functions.Telemetry;
using KernelClient = Sept.Kernel.Hosting.KernelClient;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Azure;

/// <summary>Azure <see cref="IKernelHost"/>: each project's kernel is a Container Apps dynamic session with identifier
/// "p-{projectId}" (azure.md §5). The pool forwards every path to the kernel container, so the kernel's own HTTP
/// API (/kernel/execute, /interrupt, /forget, /table) is called through the pool endpoint with ?identifier= and an
/// Entra token for https://dynamicsessions.io. Each execute claims the project's kernel document first and sends
/// its fencing generation (<see cref="CosmosKernelOwnership"/>).
/// <para>Not supported yet: uploaded files (sessions have egress disabled and no shared disk; the file stays in Blob
/// and <see cref="PutFileAsync"/> reports that).</para></summary>
public sealed class SessionPoolKernelHost(
    HttpMessageHandler transport, TokenCredential credential, Uri poolEndpoint, SessionPoolClient sessions,
    CosmosKernelOwnership ownership, SeptTelemetry telemetry, ILogger<SessionPoolKernelHost> log) : IKernelHost
{
    /// <summary>How long a cooperative interrupt may take before the session is destroyed.</summary>
    public static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<ProjectId, TaskCompletionSource> _running = new();

    public async IAsyncEnumerable<KernelEvent> ExecuteAsync(
        ProjectId projectId, ExecuteRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var session = Session(projectId);
        if (await ownership.ClaimAsync(projectId, session.Value, request.RunId, cancellationToken) is not { } claim)
        {
            yield return new ErrorEvent(request.RunId, request.CellId, "KernelBusy", "Another run of this project took the kernel; this one stopped.");
            yield return new FinishedEvent(request.RunId, request.CellId, RunStatus.Error, 0);
            yield break;
        }
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _running[projectId] = done;
        try
        {
            using var kernel = Client(session);
            await foreach (var kernelEvent in kernel.ExecuteAsync(request with { Generation = claim.Generation }, cancellationToken))
                yield return kernelEvent;
        }
        finally
        {
            done.TrySetResult();
            _running.TryRemove(new KeyValuePair<ProjectId, TaskCompletionSource>(projectId, done));
            if (!await ownership.ReleaseAsync(projectId, claim, CancellationToken.None))
                log.LogWarning("Kernel of project {ProjectId} was claimed by another run while {RunId} ran", projectId, request.RunId);
        }
    }

    /// <summary>Asks the kernel to stop the cell; when this instance runs it and it does not stop within the grace
    /// period, destroys the session (variables are lost). A run driven by another instance gets the cooperative
    /// request only.</summary>
    public async Task<InterruptOutcome> InterruptAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        using var kernel = Client(Session(projectId));
        var answer = await kernel.InterruptAsync(cancellationToken);
        if (!answer.WasRunning) return InterruptOutcome.Idle;
        if (!_running.TryGetValue(projectId, out var running)) return InterruptOutcome.Interrupted;
        try
        {
            await running.Task.WaitAsync(InterruptGrace, cancellationToken);
            return InterruptOutcome.Interrupted;
        }
        catch (TimeoutException)
        {
            await RestartAsync(projectId, cancellationToken);
            return InterruptOutcome.Restarted;
        }
    }

    /// <summary>Destroys the session; the next request allocates a fresh one from the pool.</summary>
    public async Task RestartAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        telemetry.KernelRestarted(KernelRestartReason.Requested);
        var stopped = await sessions.StopSessionAsync(Session(projectId), cancellationToken);
        if (!stopped.Succeeded) throw new InvalidOperationException($"The kernel session of project {projectId} could not be stopped: {stopped.Error}");
    }

    public async Task ForgetAsync(ProjectId projectId, IReadOnlyList<CellId> cellIds, CancellationToken cancellationToken)
    {
        using var kernel = Client(Session(projectId));
        await kernel.ForgetAsync([.. cellIds.Select(c => c.ToString())], cancellationToken);
    }

    public async Task<JsonElement?> GetTablePageAsync(ProjectId projectId, CellId cellId, int offset, int limit, CancellationToken cancellationToken)
    {
        using var kernel = Client(Session(projectId));
        var page = await kernel.TableAsync(cellId.ToString(), offset, limit, cancellationToken);
        return page is null ? null : JsonSerializer.SerializeToElement(page, ProtocolJson.Default.TablePage);
    }

    public Task PutFileAsync(ProjectId projectId, string fileName, Stream content, CancellationToken cancellationToken) =>
        throw new NotSupportedException("Files are not yet copied into dynamic-session kernels; the upload is kept in Blob storage.");

    public async Task StopAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        await RestartAsync(projectId, cancellationToken);
        await ownership.DeleteAsync(projectId, cancellationToken);
    }

    private static SessionIdentifier Session(ProjectId projectId) => SessionIdentifier.ForProject(projectId.Value);

    // A KernelClient whose requests go to {pool}/{path}?identifier=... with a bearer token.
    private KernelClient Client(SessionIdentifier session) =>
        new(new HttpClient(new SessionRouting(session, credential) { InnerHandler = transport }, disposeHandler: false)
        {
            BaseAddress = poolEndpoint,
            Timeout = Timeout.InfiniteTimeSpan,
        });

    private sealed class SessionRouting(SessionIdentifier session, TokenCredential credential) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = new UriBuilder(request.RequestUri!);
            var identifier = $"identifier={Uri.EscapeDataString(session.Value)}";
            uri.Query = string.IsNullOrEmpty(uri.Query) ? identifier : $"{uri.Query.TrimStart('?')}&{identifier}";
            request.RequestUri = uri.Uri;
            var token = await credential.GetTokenAsync(new TokenRequestContext([SessionPoolClient.Scope]), cancellationToken);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Token);
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
