using System.Net;
using System.Net.Http.Json;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Tests;

[Collection("kernel")]
public sealed class ProtocolTests(KernelFixture kernel)
{
    [Fact]
    public async Task A_malformed_execute_request_gets_a_problem_response()
    {
        using var http = new HttpClient(kernel.Session.Kernel.CreateHandler()) { BaseAddress = kernel.Session.Kernel.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", kernel.Session.Kernel.Secret);
        using var response = await http.PostAsJsonAsync("kernel/execute",
            new ExecuteRequest("r", "not-a-cell-id", "code", "1", new Dictionary<string, string>()), ProtocolJson.Default.ExecuteRequest);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("cellId", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_request_from_an_older_generation_is_refused()
    {
        // Own session: a raised generation would refuse the shared session's later requests.
        var session = await kernel.Pool.GetSessionAsync("generation-test");
        try
        {
            var cell = Cells.NewId();
            (await session.RunAsync(Cells.Request("code", cell, "1") with { Generation = 5 })).Ok();
            var stale = await session.RunAsync(Cells.Request("code", cell, "2") with { Generation = 4 });
            Assert.Equal("KernelRejected", Assert.Single(stale.Errors).Ename);
            Assert.Contains("409", stale.Errors[0].Message);
        }
        finally
        {
            await kernel.Pool.CloseSessionAsync("generation-test");
        }
    }

    [Fact]
    public async Task Status_reports_counts_and_memory()
    {
        (await kernel.Session.CodeAsync("1")).Ok();
        var status = await kernel.Session.StatusAsync();
        Assert.Equal("idle", status.Status);
        Assert.True(status.Warm);
        Assert.True(status.ExecutionCount >= 1);
        Assert.True(status.SubmissionCount >= 3);
        Assert.True(status.WorkingSetBytes > 0);
        // A sandboxed kernel has its own pid namespace; ProcessId is then bwrap's pid on the host.
        if (!kernel.Session.Kernel.IsSandboxed) Assert.Equal(kernel.Session.Kernel.ProcessId, status.ProcessId);
    }

    [Fact]
    public async Task Events_round_trip_through_the_wire_format()
    {
        KernelEvent e = new ErrorEvent("r", "c", "X", "m", 1, 2);
        var json = System.Text.Json.JsonSerializer.Serialize(e, ProtocolJson.Default.KernelEvent);
        Assert.StartsWith("{\"type\":\"error\"", json);
        Assert.Equal(e, System.Text.Json.JsonSerializer.Deserialize(json, ProtocolJson.Default.KernelEvent));
    }
}
