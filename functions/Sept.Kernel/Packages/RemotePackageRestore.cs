using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Packages;

/// <summary>Asks the app to restore a package set (Kernel:Packages:RestoreSocket, served by
/// Sept.Kernel.Hosting/PackageRestoreChannel.cs): a sandboxed kernel has no network; the app extracts into a folder the
/// kernel reads at the same path.</summary>
internal static class RemotePackageRestore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Func<PackageRequest, Action<string>?, CancellationToken, Task<PackageResolution>> Create(string socketPath) =>
        (request, progress, ct) => RestoreAsync(socketPath, request, progress, ct);

    private static async Task<PackageResolution> RestoreAsync(
        string socketPath, PackageRequest request, Action<string>? progress, CancellationToken ct)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), ct);
        }
        catch (SocketException e)
        {
            throw new PackageRestoreException($"Restoring {request} failed: the app's restore channel is not reachable ({e.Message}).", e);
        }
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true))
            await writer.WriteLineAsync(JsonSerializer.Serialize(request, Json).AsMemory(), ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            var reply = JsonSerializer.Deserialize<PackageRestoreReply>(line, Json);
            if (reply?.Progress is { } text) progress?.Invoke(text);
            else if (reply?.Resolution is { } resolution) return resolution;
            else if (reply?.Error is { } error) throw new PackageRestoreException(error);
        }
        throw new PackageRestoreException($"Restoring {request} failed: the app closed the restore channel without an answer.");
    }
}
