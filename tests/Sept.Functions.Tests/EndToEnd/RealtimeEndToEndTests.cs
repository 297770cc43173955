using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Sept.Functions.Realtime;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.EndToEnd;

/// <summary>A SignalR client watches a reactive cascade run on a real kernel.</summary>
public sealed class RealtimeEndToEndTests(RealKernelApplication app) : IClassFixture<RealKernelApplication>
{
    private readonly ApiClient _api = new(app.CreateClient());

    [Fact]
    public async Task A_client_sees_an_edit_and_the_reactive_cascade_in_order()
    {
        var project = await _api.CreateProjectAsync("realtime", reactive: true);
        var a = await _api.AddCellAsync(project.Id, "code", "var a = 1;");
        var b = await _api.AddCellAsync(project.Id, "code", "var b = a + 1;");
        var c = await _api.AddCellAsync(project.Id, "code", "var c = b * 10;\nc");

        var negotiate = await _api.Http.PostAsync($"/api/negotiate?projectId={project.Id}", null);
        var info = (await negotiate.Content.ReadFromJsonAsync<NegotiateResponse>(ApiClient.Json))!;
        var events = new List<(string Target, JsonElement Payload)>();
        var finished = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var connection = new HubConnectionBuilder()
            .WithUrl(info.Url, o =>
            {
                o.HttpMessageHandlerFactory = _ => app.Server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        foreach (var target in new[] { "cellUpdated", "cellOutput", "projectChanged" })
            connection.On<JsonElement>(target, payload => { lock (events) events.Add((target, payload)); });
        connection.On<JsonElement>("runFinished", payload =>
        {
            lock (events) events.Add(("runFinished", payload));
            if (payload.GetProperty("cellIds").GetArrayLength() == 3) finished.TrySetResult(payload);
        });
        await connection.StartAsync();
        var subscribe = await _api.Http.PostAsJsonAsync($"/api/projects/{project.Id}/subscriptions", new { connectionId = connection.ConnectionId });
        Assert.Equal(HttpStatusCode.NoContent, subscribe.StatusCode);

        var edit = await _api.PatchCellAsync(project.Id, a.Id, a.Version, new { source = "var a = 5;" });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var run = await _api.RunAsync(project.Id, "cell", a.Id);
        Assert.Equal([a.Id, b.Id, c.Id], run.CellIds);
        var done = await finished.Task.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Equal(run.RunId, done.GetProperty("runId").GetString());

        List<(string Target, JsonElement Payload)> seen;
        lock (events) seen = [.. events];
        var states = seen.Where(e => e.Target == "cellUpdated")
            .Select(e => (Cell: e.Payload.GetProperty("cell").GetProperty("id").GetString(), State: e.Payload.GetProperty("cell").GetProperty("state").GetString()))
            .Where(s => s.State is "running" or "success" or "error")
            .ToList();
        Assert.Equal([(a.Id, "running"), (a.Id, "success"), (b.Id, "running"), (b.Id, "success"), (c.Id, "running"), (c.Id, "success")], states);
        var output = seen.Single(e => e.Target == "cellOutput" && e.Payload.GetProperty("cellId").GetString() == c.Id).Payload;
        Assert.Equal("60", output.GetProperty("output").GetProperty("data").GetProperty("text/plain").GetString());
        Assert.Equal("runFinished", seen[^1].Target);

        // Revisions only grow per cell, so a client can drop stale events.
        foreach (var group in seen.Where(e => e.Target == "cellUpdated").GroupBy(e => e.Payload.GetProperty("cell").GetProperty("id").GetString()))
        {
            var revisions = group.Select(e => e.Payload.GetProperty("cell").GetProperty("revision").GetInt64()).ToList();
            Assert.Equal(revisions.Order(), revisions);
        }
    }
}
