using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure.Core;
using Sept.Azure.Sessions;
using Sept.Functions.Kernels;
using Sept.Functions.Storage;
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
/// <para>Uploaded files: the sessions file-upload shape, POST {pool}/files/upload?api-version=…&amp;identifier=…
/// (multipart, part "file"), which the pool forwards to the kernel container; the kernel writes it to the session's
/// /mnt/data, its working directory, so cells open it by plain file name as they do locally. A session that is new
/// (its kernel has executed nothing yet: first use, expired after the cooldown, or restarted) first gets every file
/// the project has in the output store ("files/…"), before its first cell runs.</para>
/// <para>A new session holds no variables and replays nothing, so <paramref name="sessionReplaced"/> is told first
/// (Azure hosting passes <see cref="KernelRestoreHandler.KernelReplacedAsync"/>: cells that showed results become stale).</para></summary>
public sealed class SessionPoolKernelHost(
    HttpMessageHandler transport, TokenCredential credential, Uri poolEndpoint, SessionPoolClient sessions,
    CosmosKernelOwnership ownership, IOutputStore outputs, SeptTelemetry telemetry, ILogger<SessionPoolKernelHost> log,
    Func<ProjectId, CancellationToken, Task>? sessionReplaced = null) : IKernelHost
{
    /// <summary>The api-version of the sessions file API (the kernel ignores it; the pool path stays the documented one).</summary>
    public const string FilesApiVersion = "2024-02-02-preview";

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
            await PrepareAsync(projectId, session, kernel, cancellationToken);
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

    public async Task<ValuesResponse> ReadValuesAsync(ProjectId projectId, IReadOnlyDictionary<string, string> bindings, CancellationToken cancellationToken)
    {
        using var kernel = Client(Session(projectId));
        return await kernel.ValuesAsync(bindings, cancellationToken);
    }

    public async Task PutFileAsync(ProjectId projectId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        using var http = Http(Session(projectId));
        await UploadAsync(http, projectId, fileName, content, cancellationToken);
    }

    public async Task StopAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        await RestartAsync(projectId, cancellationToken);
        await ownership.DeleteAsync(projectId, cancellationToken);
    }

    private static SessionIdentifier Session(ProjectId projectId) => SessionIdentifier.ForProject(projectId.Value);

    /// <summary>A new session's kernel has executed nothing: copy the project's files into it first.</summary>
    private async Task PrepareAsync(ProjectId projectId, SessionIdentifier session, KernelClient kernel, CancellationToken cancellationToken)
    {
        var status = await kernel.StatusAsync(cancellationToken);
        if (status.ExecutionCount > 0) return;
        telemetry.KernelStarted();
        if (sessionReplaced is not null) await sessionReplaced(projectId, cancellationToken);
        var files = await outputs.ListAsync(projectId, FilesPrefix, cancellationToken);
        if (files.Count == 0) return;
        using var http = Http(session);
        foreach (var file in files)
        {
            if (await outputs.OpenAsync(projectId, file.Path, cancellationToken) is not { } stored) continue;
            await using (stored)
                await UploadAsync(http, projectId, file.Path[FilesPrefix.Length..], stored.Content, cancellationToken);
        }
        log.LogInformation("Copied {Count} files into the new kernel session of project {ProjectId}", files.Count, projectId);
    }

    private const string FilesPrefix = "files/";

    private static async Task UploadAsync(HttpClient http, ProjectId projectId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        using var form = new MultipartFormDataContent();
        var part = new StreamContent(content);
        part.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        form.Add(part, "file", Path.GetFileName(fileName));
        using var response = await http.PostAsync($"files/upload?api-version={FilesApiVersion}", form, cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The kernel session of project {projectId} refused file '{fileName}': " +
                $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
    }

    // A KernelClient whose requests go to {pool}/{path}?identifier=... with a bearer token.
    private KernelClient Client(SessionIdentifier session) => new(Http(session));

    private HttpClient Http(SessionIdentifier session) =>
        new(new SessionRouting(session, credential) { InnerHandler = transport }, disposeHandler: false)
        {
            BaseAddress = poolEndpoint,
            Timeout = Timeout.InfiniteTimeSpan,
        };

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
