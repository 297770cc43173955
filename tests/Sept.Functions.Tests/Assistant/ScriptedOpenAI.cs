using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Assistant;

/// <summary>One scripted answer of <see cref="ScriptedOpenAI"/>: streamed text, or tool calls (name, JSON arguments).</summary>
public sealed record ScriptedTurn(string? Text = null, IReadOnlyList<(string Name, object Arguments)>? ToolCalls = null)
{
    public static ScriptedTurn Say(string text) => new(Text: text);

    public static ScriptedTurn Call(string name, object arguments) => new(ToolCalls: [(name, arguments)]);
}

/// <summary>A local OpenAI-compatible server for the tests: POST /v1/chat/completions answers the next scripted turn
/// in the real protocol (SSE chunks for stream=true, with tool_calls deltas, finish_reason and a usage chunk), and
/// records every request body and Authorization header. With no turn left it answers "ok".</summary>
public sealed class ScriptedOpenAI : IAsyncDisposable
{
    private readonly ConcurrentQueue<ScriptedTurn> _turns = new();
    private readonly ConcurrentQueue<(string Body, string? Authorization)> _requests = new();
    private WebApplication? _server;

    public Uri BaseAddress { get; private set; } = null!;

    public IReadOnlyList<(string Body, string? Authorization)> Requests => [.. _requests];

    public static async Task<ScriptedOpenAI> StartAsync()
    {
        var scripted = new ScriptedOpenAI();
        (scripted._server, var address) = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/chat/completions", scripted.AnswerAsync);
            app.MapFallback(http => { scripted._requests.Enqueue(($"unmapped {http.Request.Method} {http.Request.Path}", null)); http.Response.StatusCode = 404; return Task.CompletedTask; });
        });
        scripted.BaseAddress = new Uri(address + "/v1");
        return scripted;
    }

    public void Script(params ScriptedTurn[] turns)
    {
        _requests.Clear();
        _turns.Clear();
        foreach (var turn in turns) _turns.Enqueue(turn);
    }

    private async Task AnswerAsync(HttpContext http)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        _requests.Enqueue((body, http.Request.Headers.Authorization.ToString()));
        var turn = _turns.TryDequeue(out var next) ? next : ScriptedTurn.Say("ok");
        using var request = JsonDocument.Parse(body);
        if (!request.RootElement.TryGetProperty("stream", out var stream) || !stream.GetBoolean())
        {
            http.Response.StatusCode = 400;
            await http.Response.WriteAsync("the tests script streamed answers only");
            return;
        }
        http.Response.ContentType = "text/event-stream";
        var id = "chatcmpl-" + Guid.NewGuid().ToString("N")[..8];
        async Task ChunkAsync(object choice, object? usage = null)
        {
            var chunk = new Dictionary<string, object?>
            {
                ["id"] = id, ["object"] = "chat.completion.chunk", ["created"] = 1_700_000_000, ["model"] = "scripted",
                ["choices"] = choice is null ? Array.Empty<object>() : new[] { choice },
            };
            if (usage is not null) chunk["usage"] = usage;
            await http.Response.WriteAsync($"data: {JsonSerializer.Serialize(chunk)}\n\n");
            await http.Response.Body.FlushAsync();
        }
        if (turn.ToolCalls is { } calls)
        {
            var deltas = calls.Select((c, i) => new
            {
                index = i, id = $"call_{Guid.NewGuid():N}"[..12], type = "function",
                function = new { name = c.Name, arguments = JsonSerializer.Serialize(c.Arguments) },
            }).ToArray();
            await ChunkAsync(new { index = 0, delta = new { role = "assistant", tool_calls = deltas }, finish_reason = (string?)null });
            await ChunkAsync(new { index = 0, delta = new { }, finish_reason = "tool_calls" });
        }
        else
        {
            var text = turn.Text ?? "";
            // Two pieces, so the test sees more than one token line.
            var half = text.Length / 2;
            await ChunkAsync(new { index = 0, delta = new { role = "assistant", content = text[..half] }, finish_reason = (string?)null });
            await ChunkAsync(new { index = 0, delta = new { content = text[half..] }, finish_reason = (string?)null });
            await ChunkAsync(new { index = 0, delta = new { }, finish_reason = "stop" });
        }
        await ChunkAsync(null!, new { prompt_tokens = body.Length / 4, completion_tokens = 7, total_tokens = body.Length / 4 + 7 });
        await http.Response.WriteAsync("data: [DONE]\n\n");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
    }
}
