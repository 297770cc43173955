using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Sept.Kernel.Protocol;
using Sept.Packages;

namespace Sept.Kernel.Hosting;

/// <summary>Restores NuGet packages for one kernel, in the app's process: a sandboxed kernel has no network and no
/// NuGet configuration (docs/security.md, kernel sandbox). The kernel connects to this Unix socket in its own run
/// folder (mounted as /run/sept), sends one <see cref="PackageRequest"/> as a JSON line and reads
/// <see cref="PackageRestoreReply"/> lines back. The app extracts into the machine's global packages folder, which the
/// kernel sees read-only at the same path; nothing else is offered on the socket.</summary>
internal sealed class PackageRestoreChannel : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    // One restorer per options object: it holds NuGet's settings and caches.
    private static readonly ConcurrentDictionary<PackageRestoreOptions, PackageRestorer> Restorers = new(ReferenceEqualityComparer.Instance);

    private readonly PackageRestorer restorer;
    private readonly Socket listener;
    private readonly CancellationTokenSource stop = new();
    private readonly Task accepting;

    private PackageRestoreChannel(string socketPath, PackageRestoreOptions options)
    {
        restorer = RestorerFor(options);
        listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen(4);
        accepting = AcceptAsync();
    }

    /// <summary>The folder restored packages land in (and the kernel reads them from).</summary>
    public static string PackagesDirectory(PackageRestoreOptions options) => RestorerFor(options).PackagesDirectory;

    public static PackageRestoreChannel Open(string socketPath, PackageRestoreOptions options) => new(socketPath, options);

    private static PackageRestorer RestorerFor(PackageRestoreOptions options) =>
        Restorers.GetOrAdd(options, o => new PackageRestorer(o));

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(Socket client)
    {
        await using var stream = new NetworkStream(client, ownsSocket: true);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false)) { AutoFlush = true };
        var gate = new SemaphoreSlim(1, 1);
        async Task Send(PackageRestoreReply reply)
        {
            await gate.WaitAsync();
            try { await writer.WriteLineAsync(JsonSerializer.Serialize(reply, Json)); }
            finally { gate.Release(); }
        }
        try
        {
            // One bounded line: a package set, never a file.
            var line = await ReadBoundedLineAsync(reader, 64 * 1024, stop.Token);
            var request = line is null ? null : JsonSerializer.Deserialize<PackageRequest>(line, Json);
            if (request?.Packages is null || request.Feeds is null)
            {
                await Send(new(null, null, "The restore request was not a package set."));
                return;
            }
            var resolution = await restorer.RestoreAsync(request, p => Send(new(p, null, null)).GetAwaiter().GetResult(), stop.Token);
            await Send(new(null, resolution, null));
        }
        catch (PackageRestoreException e)
        {
            await Send(new(null, null, e.Message));
        }
        catch (Exception e) when (e is JsonException or IOException or OperationCanceledException or SocketException)
        {
            // A kernel that went away or sent garbage: nothing to answer.
        }
    }

    private static async Task<string?> ReadBoundedLineAsync(StreamReader reader, int limit, CancellationToken ct)
    {
        var text = new StringBuilder();
        var buffer = new char[1];
        while (await reader.ReadAsync(buffer.AsMemory(), ct) == 1)
        {
            if (buffer[0] == '\n') return text.ToString();
            if (text.Length >= limit) return null;
            text.Append(buffer[0]);
        }
        return text.Length > 0 ? text.ToString() : null;
    }

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        listener.Dispose();
        try { await accepting; } catch (OperationCanceledException) { }
        stop.Dispose();
    }
}
