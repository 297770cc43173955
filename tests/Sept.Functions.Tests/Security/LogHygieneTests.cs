using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Security;

/// <summary>Keeps every log line (message, state values, exception) of the app at Trace level.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, Lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull
        {
            lines.Enqueue($"{category} scope {Values(state)}");
            return null;
        }

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {Values(state)} {exception}");

        private static string Values<TState>(TState state) =>
            state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : $"{state}";
    }
}

public sealed class LoggedApplication : JwtApplication
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
    }
}

/// <summary>No token, and no "Bearer ..." value, ever reaches the logs, whatever the request did with it.</summary>
public sealed class LogHygieneTests(LoggedApplication app) : IClassFixture<LoggedApplication>
{
    [Fact]
    public async Task Tokens_never_appear_in_the_logs()
    {
        var s = await SecurityScenario.CreateAsync(app);
        var ada = SecurityScenario.Ada;
        string[] tokens =
        [
            TestTokens.For(ada),
            TestTokens.Mint(ada, expires: DateTime.UtcNow.AddHours(-1), notBefore: DateTime.UtcNow.AddHours(-2)),
            TestTokens.Mint(ada, base64Key: Convert.ToBase64String(new byte[48])),
            TestTokens.Mint(ada, audience: "elsewhere"),
            TestTokens.Unsigned(ada),
        ];
        var client = app.Anonymous();
        foreach (var token in tokens)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            await client.GetAsync("/api/me");
            await client.GetAsync($"/api/projects/{s.ProjectId}");
            await client.PostAsJsonAsync($"/api/projects/{s.ProjectId}/runs", new { cellIds = new[] { s.CodeCellId }, mode = "cell" });
            client.DefaultRequestHeaders.Authorization = null;
            // The SignalR way: the token in the query string.
            await client.PostAsync($"/api/hub/negotiate?negotiateVersion=1&access_token={token}", null);
        }
        await using (var connection = app.HubWithToken(tokens[0]))
        {
            await connection.StartAsync();
            await connection.InvokeAsync("Subscribe", s.ProjectId);
        }

        var logs = string.Join("\n", app.Logs.Lines);
        Assert.NotEmpty(app.Logs.Lines);
        foreach (var token in tokens)
        {
            Assert.DoesNotContain(token, logs);
            // Not even the signature or the payload alone.
            foreach (var part in token.Split('.').Where(p => p.Length > 16)) Assert.DoesNotContain(part, logs);
        }
        Assert.DoesNotContain("Bearer ey", logs);
        Assert.DoesNotContain("access_token=", logs);
    }
}
