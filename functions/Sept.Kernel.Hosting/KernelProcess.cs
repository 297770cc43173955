using System.Diagnostics;

namespace Sept.Kernel.Hosting;

/// <summary>One kernel child process on a free loopback port. Disposing kills its whole process tree; the kernel
/// also exits by itself when this process disappears (it is given our pid).</summary>
public sealed class KernelProcess : IAsyncDisposable
{
    public const string ReadyPrefix = "SEPT_KERNEL_READY ";

    private readonly Process process;

    private KernelProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Client = new KernelClient(baseAddress);
    }

    public Uri BaseAddress { get; }
    public KernelClient Client { get; }
    public int ProcessId => process.Id;
    public bool HasExited => process.HasExited;

    /// <summary>Starts a kernel and waits for its ready line. Port 0 lets Kestrel pick a free port, so there is no race.</summary>
    public static async Task<KernelProcess> StartAsync(KernelProcessOptions options, CancellationToken ct = default)
    {
        var start = new ProcessStartInfo(options.DotnetPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(options.ResolveDllPath());
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.ArgumentList.Add("--parent-pid");
        start.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (name, value) in options.KernelSettings) start.ArgumentList.Add($"--Kernel:{name}={value}");
        start.Environment["DOTNET_TieredPGO"] = "1";

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the kernel process.");
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith(ReadyPrefix, StringComparison.Ordinal) == true)
                ready.TrySetResult(new Uri(e.Data[ReadyPrefix.Length..].Trim() + "/"));
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
            return new KernelProcess(process, address);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Kills the kernel and anything it started, now.</summary>
    public void Kill() => Kill(process);

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
        Kill();
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed but slow to reap; nothing more to do.
        }
        Client.Dispose();
        process.Dispose();
    }
}
