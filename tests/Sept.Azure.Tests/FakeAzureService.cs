using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sept.Azure.Tests;

/// <summary>One HTTP request as the fake service received it.</summary>
public sealed record RecordedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, byte[] Body, IQueryCollection Query)
{
    public string Header(string name) => Headers.TryGetValue(name, out var v) ? v : throw new KeyNotFoundException($"no {name} header");
}

/// <summary>
/// A real Kestrel server on 127.0.0.1 playing an Azure data-plane service: records every request and answers
/// from a script, one scripted reply per request (the last one repeats). One per test class; Reset() per test.
/// </summary>
public sealed class FakeAzureService : IAsyncDisposable
{
    readonly WebApplication _app;
    readonly ConcurrentQueue<RecordedRequest> _requests = new();
    readonly object _gate = new();
    List<Func<HttpContext, Task>> _script = [];
    int _next;

    public FakeAzureService()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            _requests.Enqueue(new RecordedRequest(
                context.Request.Method,
                context.Request.Path.ToUriComponent() + context.Request.QueryString.ToUriComponent(),
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.ToArray(),
                context.Request.Query));
            Func<HttpContext, Task> reply;
            lock (_gate)
            {
                reply = _script.Count == 0 ? Reply(500, "unscripted") : _script[Math.Min(_next++, _script.Count - 1)];
            }
            await reply(context);
        });
        _app.StartAsync().GetAwaiter().GetResult();
        BaseUri = new Uri(_app.Urls.Single() + "/");
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public void Reset(params Func<HttpContext, Task>[] script)
    {
        lock (_gate)
        {
            _requests.Clear();
            _script = [.. script];
            _next = 0;
        }
    }

    public static Func<HttpContext, Task> Reply(int status, string? body = null, params (string Name, string Value)[] headers) =>
        async context =>
        {
            context.Response.StatusCode = status;
            foreach (var (name, value) in headers) context.Response.Headers[name] = value;
            if (body is not null) await context.Response.WriteAsync(body);
        };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
