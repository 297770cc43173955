using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Sept.Azure.Http;
using Sept.Azure.Sessions;
using static Sept.Azure.Tests.FakeAzureService;

namespace Sept.Azure.Tests;

public sealed class SessionPoolClientTests : IClassFixture<FakeAzureService>, IDisposable
{
    static readonly Guid Project = Guid.Parse("7d2c0b4e-2f4a-4c61-9d1a-0b5c7e3f9a10");
    readonly FakeAzureService _service;
    readonly FakeTokenCredential _credential = new("sessions-token");
    readonly HttpClient _http = new();
    readonly SessionPoolClient _client;

    public SessionPoolClientTests(FakeAzureService service)
    {
        _service = service;
        _service.Reset();
        // The pool endpoint as Azure gives it: no trailing slash.
        var endpoint = new Uri(service.BaseUri.AbsoluteUri.TrimEnd('/'));
        _client = new SessionPoolClient(_http, _credential, endpoint, new AzureRetryOptions(2, TimeSpan.FromMilliseconds(1)));
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task Execute_posts_to_the_kernel_in_the_projects_session_and_streams_lines_as_they_are_written()
    {
        var secondLineMayGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _service.Reset(async context =>
        {
            context.Response.ContentType = "application/x-ndjson";
            await context.Response.WriteAsync("{\"type\":\"stream\",\"text\":\"hi\"}\n");
            await context.Response.Body.FlushAsync();
            // Waits for the client to have read line one: proves the reply is streamed, not buffered.
            await secondLineMayGo.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await context.Response.WriteAsync("\n{\"type\":\"finished\"}\n");
        });
        var body = Encoding.UTF8.GetBytes("""{"runId":"r1","cellId":"c1","code":"1+1","generation":42}""");

        var result = await _client.ExecuteAsync(SessionIdentifier.ForProject(Project), body, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        var lines = new List<string>();
        await using (var stream = result.Value!)
        {
            await foreach (var line in stream.ReadLinesAsync(CancellationToken.None))
            {
                lines.Add(line);
                secondLineMayGo.TrySetResult();
            }
        }
        Assert.Equal(["{\"type\":\"stream\",\"text\":\"hi\"}", "{\"type\":\"finished\"}"], lines);
        var request = Assert.Single(_service.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/kernel/execute?identifier=p-{Project:D}", request.PathAndQuery);
        Assert.Equal("Bearer sessions-token", request.Header("Authorization"));
        Assert.Equal(body, request.Body);
        Assert.Equal(["https://dynamicsessions.io/.default"], Assert.Single(_credential.Requests));
    }

    [Fact]
    public async Task Execute_is_not_retried_because_it_runs_user_code()
    {
        _service.Reset(Reply(503), Reply(200));

        var result = await _client.ExecuteAsync(SessionIdentifier.ForProject(Project), "{}"u8.ToArray(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, result.Status);
        Assert.Single(_service.Requests);
    }

    [Fact]
    public async Task A_full_pool_fails_with_a_readable_reason()
    {
        _service.Reset(Reply(404));

        var result = await _client.ExecuteAsync(SessionIdentifier.ForProject(Project), "{}"u8.ToArray(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Contains("maxConcurrentSessions", result.Error);
    }

    [Fact]
    public async Task Stop_calls_the_management_endpoint_and_retries_server_errors()
    {
        _service.Reset(Reply(500), Reply(200));

        var result = await _client.StopSessionAsync(SessionIdentifier.ForProject(Project), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(2, _service.Requests.Count);
        Assert.All(_service.Requests, r =>
        {
            Assert.Equal("POST", r.Method);
            Assert.Equal($"/.management/stopSession?api-version=2025-10-02-preview&identifier=p-{Project:D}", r.PathAndQuery);
            Assert.Equal("Bearer sessions-token", r.Header("Authorization"));
        });
    }

    [Fact]
    public async Task Stopping_a_session_that_is_already_gone_counts_as_stopped()
    {
        _service.Reset(Reply(404));

        var result = await _client.StopSessionAsync(SessionIdentifier.ForProject(Project), CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(HttpStatusCode.NotFound, result.Status);
    }

    [Fact]
    public async Task Identifiers_with_query_characters_are_escaped_and_arrive_intact()
    {
        _service.Reset(Reply(200));
        var id = SessionIdentifier.TryCreate("ab&c#d%e;<x>", out var error);

        await _client.StopSessionAsync(id!.Value, CancellationToken.None);

        Assert.Null(error);
        Assert.Equal("ab&c#d%e;<x>", Assert.Single(_service.Requests).Query["identifier"].ToString());
    }

    [Theory]
    [InlineData("abcd")]
    [InlineData("p-7d2c0b4e-2f4a-4c61-9d1a-0b5c7e3f9a10")]
    [InlineData("|-&^%$#(){}[];<>")]
    public void Allowed_identifiers_are_accepted(string value)
    {
        var id = SessionIdentifier.TryCreate(value, out var error);

        Assert.Null(error);
        Assert.Equal(value, id!.Value.Value);
    }

    [Theory]
    [InlineData("", "required")]
    [InlineData("abc", "4–128")]
    [InlineData("a b c d", "' ' is not allowed")]
    [InlineData("proj/1", "'/' is not allowed")]
    [InlineData("projé", "'é' is not allowed")]
    public void Invalid_identifiers_are_refused_with_the_reason(string value, string reason)
    {
        var id = SessionIdentifier.TryCreate(value, out var error);

        Assert.Null(id);
        Assert.Contains(reason, error);
    }

    [Fact]
    public void Identifiers_longer_than_128_characters_are_refused()
    {
        Assert.NotNull(SessionIdentifier.TryCreate(new string('a', 128), out _));
        Assert.Null(SessionIdentifier.TryCreate(new string('a', 129), out var error));
        Assert.Contains("not 129", error);
    }
}
