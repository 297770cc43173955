using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sept.Kernel.Hosting;

namespace Sept.Functions.Tests.Support;

/// <summary>A local stand-in for a Container Apps custom-container session pool, written once for the kernel host
/// contract: a real HTTP server (Kestrel on loopback) that requires a bearer token and ?identifier=, allocates a
/// session on the first request for an identifier — a real kernel process started as the image starts it (its files
/// directory, the session's /mnt/data, is its working directory) — forwards every other path to that session's
/// kernel unchanged (streamed, so NDJSON events arrive while a cell runs), and destroys the session on
/// POST /.management/stopSession (a missing session answers 404, as the service does).</summary>
public sealed class LocalSessionPool : IAsyncDisposable
{
    private WebApplication _server = null!;
    private readonly ConcurrentDictionary<string, Lazy<Task<Session>>> _sessions = new();
    private readonly TempFolder _mounts = new();
    private readonly HttpClient _forward = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The pool management endpoint.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Sessions allocated so far (a stopped one allocated again counts twice).</summary>
    public int Allocated => _allocated;

    private int _allocated;

    public static async Task<LocalSessionPool> StartAsync()
    {
        var pool = new LocalSessionPool();
        var (server, address) = await LoopbackServer.StartAsync(s => s.Run(pool.HandleAsync));
        pool._server = server;
        pool.Endpoint = new Uri(address.AbsoluteUri.TrimEnd('/') + "/");
        return pool;
    }

    /// <summary>The session's mount (/mnt/data) on this machine.</summary>
    public string MountOf(string identifier) => Path.Combine(_mounts.Path, identifier);

    private async Task HandleAsync(HttpContext http)
    {
        if (!http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            http.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }
        if (http.Request.Query["identifier"].ToString() is not { Length: >= 4 } identifier)
        {
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (http.Request.Path.StartsWithSegments("/.management/stopSession"))
        {
            http.Response.StatusCode = await StopAsync(identifier) ? StatusCodes.Status200OK : StatusCodes.Status404NotFound;
            return;
        }
        var session = await _sessions.GetOrAdd(identifier, id => new Lazy<Task<Session>>(() => AllocateAsync(id))).Value;
        using var forwarded = new HttpRequestMessage(new HttpMethod(http.Request.Method),
            new Uri(session.Kernel.BaseAddress, $"{http.Request.Path.Value!.TrimStart('/')}{http.Request.QueryString}"));
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            forwarded.Content = new StreamContent(http.Request.Body);
            if (http.Request.ContentType is { } type) forwarded.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }
        using var answer = await _forward.SendAsync(forwarded, HttpCompletionOption.ResponseHeadersRead, http.RequestAborted);
        http.Response.StatusCode = (int)answer.StatusCode;
        if (answer.Content.Headers.ContentType is { } contentType) http.Response.ContentType = contentType.ToString();
        await using var body = await answer.Content.ReadAsStreamAsync(http.RequestAborted);
        var buffer = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(buffer, http.RequestAborted)) > 0)
        {
            await http.Response.Body.WriteAsync(buffer.AsMemory(0, read), http.RequestAborted);
            await http.Response.Body.FlushAsync(http.RequestAborted);
        }
    }

    private async Task<Session> AllocateAsync(string identifier)
    {
        Interlocked.Increment(ref _allocated);
        var mount = MountOf(identifier);
        if (Directory.Exists(mount)) Directory.Delete(mount, recursive: true);
        var options = new KernelProcessOptions { AsSessionContainer = true };
        options.KernelSettings["FilesDirectory"] = mount;
        return new Session(await KernelProcess.StartAsync(options));
    }

    private async Task<bool> StopAsync(string identifier)
    {
        if (!_sessions.TryRemove(identifier, out var session)) return false;
        await (await session.Value).Kernel.DisposeAsync();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        await _server.DisposeAsync();
        foreach (var session in _sessions.Values) await (await session.Value).Kernel.DisposeAsync();
        _forward.Dispose();
        _mounts.Dispose();
    }

    private sealed record Session(KernelProcess Kernel);
}
