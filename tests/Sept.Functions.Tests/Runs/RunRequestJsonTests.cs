using System.Text.Json;
using Sept.Functions.Hosting;
using Sept.Functions.Runs;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Runs;

public sealed class RunRequestJsonTests
{
    [Fact]
    public void A_run_request_survives_a_queue_message_round_trip_with_ids_as_text()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        SeptServices.Configure(options);
        var a = CellId.New();
        var b = CellId.New();
        var request = new RunRequest(ProjectId.New(), "run-1",
            [new PlannedRun(a, "requested", []), new PlannedRun(b, $"x changed in cell {a}", [a])], DateTimeOffset.UnixEpoch);
        var json = JsonSerializer.Serialize(request, options);
        Assert.Contains($"\"projectId\":\"{request.ProjectId}\"", json);
        var back = JsonSerializer.Deserialize<RunRequest>(json, options)!;
        Assert.Equal(request.ProjectId, back.ProjectId);
        Assert.Equal([a, b], back.Cells.Select(c => c.CellId));
        Assert.Equal([a], back.Cells[1].DependsOn);
        Assert.True(back.HasSameCells(request));
    }
}
