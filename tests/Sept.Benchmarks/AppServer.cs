using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sept.Benchmarks;

/// <summary>The real app (Release build of functions/Sept.Functions) as a child process on a free loopback port,
/// with its own temporary data directory (SQLite, outputs) and kernel pool.</summary>
internal sealed class AppServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDirectory;
    private readonly Queue<string> _lastLines = new();

    private AppServer(Process process, string dataDirectory, Uri baseAddress)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    public static async Task<AppServer> StartAsync(int warmKernels, CancellationToken cancellationToken)
    {
        var dll = Path.Combine(RepositoryRoot(), "functions", "Sept.Functions", "bin", "Release", "net10.0", "Sept.Functions.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"build the app first (dotnet build -c Release): {dll}");
        var port = FreePort();
        var data = Path.Combine(Path.GetTempPath(), $"sept-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Sept__DataDirectory"] = data;
        // The demo project would take the warm kernel at start.
        start.Environment["Sept__Demo__Enabled"] = "false";
        start.Environment["Sept__Kernel__WarmKernels"] = warmKernels.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // Per-request information logs would be measured too; production runs at Warning.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the app");
        var server = new AppServer(process, data, new Uri($"http://127.0.0.1:{port}"));
        // Ctrl-C / SIGTERM of the benchmark must not leave the app and its kernels running.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Kill();
        Console.CancelKeyPress += (_, _) => server.Kill();
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitHealthyAsync(cancellationToken);
        return server;
    }

    /// <summary>The app's last output lines, for an error message.</summary>
    public string Tail()
    {
        lock (_lastLines) return string.Join('\n', _lastLines);
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            while (_lastLines.Count > 40) _lastLines.Dequeue();
        }
    }

    private async Task WaitHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (_process.HasExited) throw new InvalidOperationException($"the app exited ({_process.ExitCode}):\n{Tail()}");
            try
            {
                using var response = await http.GetAsync("/api/health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100, cancellationToken);
        }
        throw new TimeoutException($"the app did not answer /api/health within 120 s:\n{Tail()}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sept.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("Sept.sln not found above the benchmark's folder");
    }

    private void Kill()
    {
        try { _process.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { } // already exited or disposed
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // Kill the app and its kernel child processes.
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try { Directory.Delete(_dataDirectory, recursive: true); }
        catch (IOException) { }
    }
}
