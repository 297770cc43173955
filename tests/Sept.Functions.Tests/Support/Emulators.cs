using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Sept.Functions.Tests.Support;

/// <summary>Endpoints of the Azure emulators (cosmosdb-server, Azurite). scripts/test starts them and exports
/// SEPT_TEST_COSMOS_ENDPOINT / SEPT_TEST_BLOB_ENDPOINT; without those, the tests start them once per test run from
/// tests/emulators/node_modules on a free port, and fail (never skip) when that is impossible.</summary>
public static class Emulators
{
    /// <summary>The well-known key of the Cosmos DB emulator (cosmosdb-server accepts any key).</summary>
    public const string CosmosKey = "C2y6yDjf5/R+ob0N8A7Cgv30VRDJIWEHLM+4QDU5DE2nQ9nDuVTqobD4b8mGGyPMbIZnqyMsEcaGQy67XIw/Jw==";

    /// <summary>Azurite's well-known account.</summary>
    public const string BlobAccount = "devstoreaccount1";
    public const string BlobKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly Lazy<Task<string>> Cosmos = new(() => EndpointAsync(
        "SEPT_TEST_COSMOS_ENDPOINT", "@vercel/cosmosdb-server/lib/cli.js",
        port => $"--no-ssl --host 127.0.0.1 -p {port}", "Ready to accept", port => $"http://127.0.0.1:{port}/"));

    private static readonly Lazy<Task<string>> Blob = new(() => EndpointAsync(
        "SEPT_TEST_BLOB_ENDPOINT", "azurite/dist/src/blob/main.js",
        port => $"--blobHost 127.0.0.1 --blobPort {port} --location \"{AzuriteFolder()}\" --skipApiVersionCheck --loose",
        "successfully listens", port => $"http://127.0.0.1:{port}/{BlobAccount}"));

    private static readonly List<Process> Started = [];

    public static Task<string> CosmosEndpointAsync() => Cosmos.Value;

    public static Task<string> BlobEndpointAsync() => Blob.Value;

    private static async Task<string> EndpointAsync(
        string variable, string script, Func<int, string> arguments, string readyLine, Func<int, string> endpoint)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } given) return given;
        var modules = FindEmulatorModules()
            ?? throw new InvalidOperationException(
                $"{variable} is not set and tests/emulators/node_modules is missing: run scripts/test or set {variable} " +
                "(or run `npm ci` in tests/emulators so the tests can start the emulator themselves).");
        var port = FreePort();
        var start = new ProcessStartInfo("node", $"\"{Path.Combine(modules, script)}\" {arguments(port)}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Exception e)
        {
            throw new InvalidOperationException($"{variable} is not set and node could not start the emulator ({e.Message}): run scripts/test or set {variable}.", e);
        }
        lock (Started)
        {
            if (Started.Count == 0) AppDomain.CurrentDomain.ProcessExit += (_, _) => StopAll();
            Started.Add(process);
        }
        var output = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output) output.AppendLine(e.Data);
            if (e.Data?.Contains(readyLine, StringComparison.Ordinal) == true) ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The emulator exited: {output}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"The emulator {script} did not get ready within 60 s: {output}. Run scripts/test or set {variable}.");
        }
        return endpoint(port);
    }

    private static string? FindEmulatorModules()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var modules = Path.Combine(dir.FullName, "tests", "emulators", "node_modules");
            if (Directory.Exists(modules)) return modules;
        }
        return null;
    }

    private static readonly string AzuriteData = Path.Combine(Path.GetTempPath(), $"sept-azurite-{Guid.NewGuid():N}");

    private static string AzuriteFolder() => Directory.CreateDirectory(AzuriteData).FullName;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void StopAll()
    {
        lock (Started)
        {
            foreach (var process in Started)
                if (!process.HasExited) process.Kill(entireProcessTree: true);
            if (Directory.Exists(AzuriteData)) Directory.Delete(AzuriteData, recursive: true);
        }
    }
}
