using System.Net;
using System.Net.Http.Json;
using Sept.Functions.Tests.Comments;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.Presence;

/// <summary>Presence with a team of three (admin Ada, editor Bob, viewer Vic).</summary>
public sealed class PresenceTeamTests : IDisposable
{
    private readonly TeamApplication _app = new();

    [Fact]
    public async Task Two_people_see_each_other_and_neither_can_take_over_the_others_session()
    {
        var (ada, vic) = (_app.As(TeamApplication.Ada), _app.As(TeamApplication.Vic));
        var project = await _app.CreateTeamProjectAsync();
        var cell = await ada.AddCellAsync(project.Id, "code", "var x = 1;");
        await using var vicsTab = await HubListener.ConnectAsync(_app, vic.Http, project.Id, "presenceChanged");

        await ada.HeartbeatAsync(project.Id, "ada-tab-1", cell.Id);
        var both = await vic.HeartbeatAsync(project.Id, "vic-tab-1");
        Assert.Equal([(TeamApplication.Ada, cell.Id), (TeamApplication.Vic, null)], both.Select(v => (v.User, v.CellId)));
        var heard = await vicsTab.WaitForAsync("presenceChanged", e => e.GetProperty("viewers").GetArrayLength() == 2);
        Assert.Equal(TeamApplication.Ada.Email, heard.GetProperty("viewers")[0].GetProperty("user").GetProperty("email").GetString());

        var takeOver = await vic.Http.PutAsJsonAsync($"/api/projects/{project.Id}/presence/ada-tab-1", new { }, ApiClient.Json);
        Assert.Equal(HttpStatusCode.Forbidden, takeOver.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await vic.LeaveAsync(project.Id, "ada-tab-1")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ada.LeaveAsync(project.Id, "ada-tab-1")).StatusCode);
        Assert.Equal([TeamApplication.Vic], (await ada.ViewersAsync(project.Id)).Select(v => v.User));
    }

    public void Dispose() => _app.Dispose();
}
