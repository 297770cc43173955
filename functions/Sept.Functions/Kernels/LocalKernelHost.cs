using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.Options;
using Sept.Functions.Hosting;
using Sept.Functions.Telemetry;
using Sept.Kernel.Hosting;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;
using PoolInterrupt = Sept.Kernel.Hosting.InterruptOutcome;

namespace Sept.Functions.Kernels;

/// <summary>Local <see cref="IKernelHost"/>: one child-process kernel per project from the <see cref="KernelPool"/>
/// (warm standby, restore after a crash with replay, kill on shutdown). Uploaded files go to a folder per project that
/// becomes the kernel's working directory, so cells open them by plain file name; a sandboxed kernel holds that folder
/// in its sandbox while it serves the project (docs/security.md), so uploads then go through the kernel. Cells a
/// restore could not replay are handed to <see cref="KernelRestoreHandler"/>.</summary>
public sealed class LocalKernelHost(KernelPool pool, IOptions<SeptOptions> options, KernelRestoreHandler restores, SeptTelemetry telemetry) : IKernelHost
{
    // A fixed pseudo-cell that sets the working directory. It succeeds, so the session's replay log repeats it
    // on every restored kernel.
    private const string SetupCellId = "00000000000000000000000000005e97";

    private readonly ConditionalWeakTable<KernelSession, object> _prepared = new();

    public async IAsyncEnumerable<KernelEvent> ExecuteAsync(
        ProjectId projectId, ExecuteRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var session = await SessionAsync(projectId, cancellationToken);
        await foreach (var kernelEvent in session.ExecuteAsync(request, cancellationToken))
            yield return kernelEvent;
    }

    public async Task<InterruptOutcome> InterruptAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        if (Existing(projectId) is not { } session) return InterruptOutcome.Idle;
        var outcome = await session.InterruptAsync(cancellationToken);
        if (outcome == PoolInterrupt.Killed) telemetry.KernelRestarted(KernelRestartReason.Requested);
        return outcome switch
        {
            PoolInterrupt.Cooperative => InterruptOutcome.Interrupted,
            PoolInterrupt.Killed => InterruptOutcome.Restarted,
            _ => InterruptOutcome.Idle,
        };
    }

    /// <summary>Closes the session: the next run starts on a fresh kernel with no variables.</summary>
    public Task RestartAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        telemetry.KernelRestarted(KernelRestartReason.Requested);
        return pool.CloseSessionAsync(projectId.ToString());
    }

    public async Task ForgetAsync(ProjectId projectId, IReadOnlyList<CellId> cellIds, CancellationToken cancellationToken)
    {
        if (Existing(projectId) is { } session)
            await session.ForgetAsync([.. cellIds.Select(c => c.ToString())], cancellationToken);
    }

    public async Task<JsonElement?> GetTablePageAsync(ProjectId projectId, CellId cellId, int offset, int limit, CancellationToken cancellationToken)
    {
        if (Existing(projectId) is not { } session) return null;
        var page = await session.TableAsync(cellId.ToString(), offset, limit, cancellationToken);
        return page is null ? null : JsonSerializer.SerializeToElement(page, ProtocolJson.Default.TablePage);
    }

    public async Task<ValuesResponse> ReadValuesAsync(ProjectId projectId, IReadOnlyDictionary<string, string> bindings, CancellationToken cancellationToken) =>
        await (await SessionAsync(projectId, cancellationToken)).ValuesAsync(bindings, cancellationToken);

    public async Task PutFileAsync(ProjectId projectId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(fileName);
        if (Existing(projectId) is { Kernel.IsSandboxed: true } session)
        {
            await session.UploadAsync(name, content, cancellationToken);
            return;
        }
        var folder = FilesFolder(projectId);
        Directory.CreateDirectory(folder);
        // Cell code may have left a symbolic link under that name: replace the link, never write through it.
        var path = Path.Combine(folder, name);
        File.Delete(path);
        await using var target = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        await content.CopyToAsync(target, cancellationToken);
    }

    public async Task StopAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        await pool.CloseSessionAsync(projectId.ToString());
        var folder = FilesFolder(projectId);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
    }

    private KernelSession? Existing(ProjectId projectId) =>
        pool.Sessions.FirstOrDefault(s => s.ProjectId == projectId.ToString());

    private async Task<KernelSession> SessionAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        var session = await pool.GetSessionAsync(projectId.ToString(), FilesFolder(projectId), cancellationToken);
        if (_prepared.TryGetValue(session, out _)) return session;
        telemetry.KernelStarted();
        var folder = session.FilesDirectory!;
        var setup = new ExecuteRequest("setup", SetupCellId, "code",
            $"System.IO.Directory.SetCurrentDirectory({SymbolDisplay.FormatLiteral(folder, quote: true)});",
            new Dictionary<string, string>());
        await foreach (var _ in session.ExecuteAsync(setup, cancellationToken)) { }
        _prepared.AddOrUpdate(session, folder);
        session.Restored += report =>
        {
            telemetry.KernelRestarted(KernelRestartReason.Recovered);
            _ = restores.CellsLostAsync(projectId, report.FailedCellIds, CancellationToken.None);
        };
        return session;
    }

    private string FilesFolder(ProjectId projectId) =>
        Path.GetFullPath(Path.Combine(options.Value.DataDirectory, "kernel-files", projectId.ToString()));
}
