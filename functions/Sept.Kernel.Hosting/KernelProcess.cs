using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace Sept.Kernel.Hosting;

/// <summary>One kernel child process. Sandboxed (docs/security.md): under bubblewrap, listening on a Unix socket in its
/// own folder; otherwise on a free loopback port. Either way it starts with an allow-listed environment and answers
/// only requests that carry its secret. Disposing kills its whole process tree (and hands back the project files it
/// held); the kernel also exits by itself when this process disappears (its stdin closes).</summary>
public sealed class KernelProcess : IAsyncDisposable
{
    public const string ReadyPrefix = "SEPT_KERNEL_READY ";

    private readonly Process process;
    private readonly string runFolder;
    private readonly string? slot;
    private readonly PackageRestoreChannel? packages;
    private string? adoptedHome;

    private KernelProcess(Process process, Uri baseAddress, HttpMessageHandler handler, string secret, string runFolder, string? slot,
        PackageRestoreChannel? packages)
    {
        this.process = process;
        this.packages = packages;
        this.runFolder = runFolder;
        this.slot = slot;
        BaseAddress = baseAddress;
        Secret = secret;
        var http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = Timeout.InfiniteTimeSpan };
        if (secret.Length > 0) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Client = new KernelClient(http);
    }

    /// <summary>Loopback URL of an unsandboxed kernel; "http://kernel/" (reached through <see cref="CreateHandler"/>) of a sandboxed one.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The bearer token the kernel requires on every request (its client sends it).</summary>
    public string Secret { get; }

    public KernelClient Client { get; }

    /// <summary>The host process: bwrap for a sandboxed kernel.</summary>
    public int ProcessId => process.Id;

    /// <summary>True when the kernel runs in the bubblewrap sandbox.</summary>
    public bool IsSandboxed => slot is not null;

    /// <summary>Where the kernel sees the project files it adopted: <see cref="KernelSandbox.FilesPath"/> when sandboxed, else null (the files stay where they are).</summary>
    public string? FilesDirectory => IsSandboxed ? KernelSandbox.FilesPath : null;

    /// <summary>True once the process is gone (or this handle was disposed).</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return Volatile.Read(ref disposed) == 1 || process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true; // disposed concurrently
            }
        }
    }

    /// <summary>True when the kernel ended by itself (an exit code, a crash) rather than by SIGKILL from someone else
    /// (this class, the OOM killer, an operator). Exit codes above 128 are 128 + the signal (bwrap reports them so too).</summary>
    public bool ExitedByItself
    {
        get
        {
            try
            {
                return Volatile.Read(ref disposed) == 0 && process.HasExited && process.ExitCode != 128 + 9;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }
    }

    // Pool maintenance, restarts and shutdown can all dispose the same kernel; only the first one acts.
    private int disposed;

    /// <summary>The host path of a sandboxed kernel's Unix socket (null: it listens on <see cref="BaseAddress"/>).</summary>
    public string? SocketPath => IsSandboxed ? Path.Combine(runFolder, "kernel.sock") : null;

    /// <summary>A handler that reaches this kernel (over its Unix socket when sandboxed), without the secret.</summary>
    public HttpMessageHandler CreateHandler() => CreateHandler(SocketPath);

    private static SocketsHttpHandler CreateHandler(string? socket) => socket is null ? new SocketsHttpHandler() : new SocketsHttpHandler
    {
        ConnectCallback = async (_, ct) =>
        {
            var unix = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await unix.ConnectAsync(new UnixDomainSocketEndPoint(socket), ct);
                return new NetworkStream(unix, ownsSocket: true);
            }
            catch
            {
                unix.Dispose();
                throw;
            }
        },
    };

    /// <summary>Starts a kernel and waits for its ready line. Port 0 lets Kestrel pick a free port, so there is no race.</summary>
    public static async Task<KernelProcess> StartAsync(KernelProcessOptions options, CancellationToken ct = default)
    {
        var sandbox = options.AsSessionContainer ? new KernelSandboxStatus(false, true, "session container") : KernelSandbox.Check(options);
        var secret = options.AsSessionContainer ? "" : RandomNumberGenerator.GetHexString(64, lowercase: true);
        // 0700, short enough for a Unix socket path (108 bytes).
        var runFolder = Directory.CreateTempSubdirectory("sept-k-").FullName;
        string? slot = null;
        var dll = options.ResolveDllPath();
        ProcessStartInfo start;
        // Kernels never restore packages themselves here (no network in the sandbox, no NuGet configuration in their
        // environment): the app does, through this channel (a session container restores itself).
        var restoreChannel = !options.AsSessionContainer;
        var restoreSocket = Path.Combine(runFolder, "restore.sock");
        if (sandbox.Active)
        {
            slot = Path.Combine(options.SlotsDirectory ?? runFolder, options.SlotsDirectory is null ? "project" : Path.GetFileName(runFolder));
            Directory.CreateDirectory(slot);
            var dotnet = Executable.Find(options.DotnetPath) ?? throw new FileNotFoundException($"'{options.DotnetPath}' not found.");
            start = Start(Executable.Find(options.BubblewrapPath)!);
            foreach (var arg in KernelSandbox.Arguments(options, dotnet, dll, slot, runFolder)) start.ArgumentList.Add(arg);
            start.ArgumentList.Add(dotnet);
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://unix:{KernelSandbox.SocketPath}");
            start.ArgumentList.Add($"--Kernel:FilesDirectory={KernelSandbox.FilesPath}");
            if (restoreChannel) start.ArgumentList.Add($"--Kernel:Packages:RestoreSocket={KernelSandbox.SocketFolder}/restore.sock");
        }
        else
        {
            start = Start(options.DotnetPath);
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");
            if (restoreChannel) start.ArgumentList.Add($"--Kernel:Packages:RestoreSocket={restoreSocket}");
        }
        start.ArgumentList.Add("--parent-stdin=true");
        foreach (var (name, value) in options.KernelSettings) start.ArgumentList.Add($"--Kernel:{name}={value}");
        start.Environment.Clear();
        foreach (var (name, value) in KernelEnvironment.For(options, secret, sandbox.Active, sandbox.Active ? "/tmp" : runFolder))
            start.Environment[name] = value;

        // Opened last, so nothing that can fail before the process starts leaves its listener behind.
        var packages = restoreChannel ? PackageRestoreChannel.Open(restoreSocket, options.Packages) : null;
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the kernel process.");
        }
        catch
        {
            if (packages is not null) await packages.DisposeAsync();
            throw;
        }
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith(ReadyPrefix, StringComparison.Ordinal) != true) return;
            ready.TrySetResult(sandbox.Active ? new Uri("http://kernel/") : new Uri(e.Data[ReadyPrefix.Length..].Trim() + "/"));
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null) lock (errors) errors.AppendLine(e.Data);
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) =>
        {
            lock (errors) ready.TrySetException(new InvalidOperationException($"The kernel exited during start-up: {errors}"));
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var address = await ready.Task.WaitAsync(options.StartTimeout, ct);
            return new KernelProcess(process, address, CreateHandler(sandbox.Active ? Path.Combine(runFolder, "kernel.sock") : null), secret, runFolder, slot, packages);
        }
        catch
        {
            if (packages is not null) await packages.DisposeAsync();
            Kill(process);
            process.Dispose();
            DeleteQuietly(runFolder);
            if (slot is not null) DeleteQuietly(slot);
            throw;
        }
    }

    private static ProcessStartInfo Start(string fileName) => new(fileName)
    {
        RedirectStandardOutput = true,
        RedirectStandardError = true,
        // Never written: the kernel exits when it reads end-of-file, i.e. when this process is gone.
        RedirectStandardInput = true,
        UseShellExecute = false,
    };

    /// <summary>Sandboxed kernels: moves a project's files folder (<paramref name="home"/>, created when missing) into
    /// this kernel's slot, where the kernel sees it as <see cref="FilesDirectory"/>; disposing moves it back.
    /// A marker beside the slot names the home, so a crashed app's folders are returned at the next start
    /// (<see cref="KernelFilesRecovery"/>). Unsandboxed kernels use the folder in place.</summary>
    public void AdoptFiles(string home)
    {
        Directory.CreateDirectory(home);
        if (slot is null) return;
        var files = Path.Combine(slot, "files");
        // The kernel created it empty at start (its files directory); a rename cannot replace a directory.
        if (Directory.Exists(files)) Directory.Delete(files);
        File.WriteAllText(slot + ".owner", home);
        Directory.Move(home, files);
        adoptedHome = home;
    }

    private void ReturnFiles()
    {
        if (slot is null) return;
        if (adoptedHome is { } home) KernelFilesRecovery.Return(slot, home);
        DeleteQuietly(slot);
        File.Delete(slot + ".owner");
    }

    /// <summary>Kills the kernel and anything it started, now.</summary>
    public void Kill()
    {
        if (Volatile.Read(ref disposed) == 0) Kill(process);
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        Kill(process);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // Killed but slow to reap, or already reaped; nothing more to do.
        }
        Client.Dispose();
        process.Dispose();
        if (packages is not null) await packages.DisposeAsync();
        // Only now, with nothing left in the sandbox to race the move.
        ReturnFiles();
        DeleteQuietly(runFolder);
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left for the temp folder's cleaner.
        }
    }
}
