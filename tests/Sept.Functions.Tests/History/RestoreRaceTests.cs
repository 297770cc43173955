using System.Net;
using System.Net.Http.Json;
using Sept.Functions.Cells;
using Sept.Functions.History;
using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.History;

/// <summary>Issue 13 row 6: an edit acknowledged (200) while a restore ran was in neither the result nor the undo
/// version. Now it is always in one of them.</summary>
public sealed class RestoreRaceTests : HistoryApiTest
{
    [Fact]
    public async Task An_edit_acknowledged_during_a_restore_is_kept_or_in_the_undo_version()
    {
        var project = await Api.CreateProjectAsync("race", reactive: false);
        var cells = new List<CellDto>();
        for (var i = 0; i < 40; i++) cells.Add(await Api.AddCellAsync(project.Id, "code", $"var v{i} = {i};"));
        var version = await Versions.SaveAsync(project.Id, "base");
        var target = cells[^1];
        var acknowledged = 0;
        // Under load the restore often wins every race (the edit is refused, nothing to check): try until a few
        // edits were acknowledged.
        for (var trial = 0; trial < 30 && acknowledged < 4; trial++)
        {
            // Every cell differs from the version, so the restore writes all 40, the edited one last.
            foreach (var (cell, i) in cells.Select((c, i) => (c, i)))
                await Api.PatchCellAsync(project.Id, cell.Id, (await CurrentAsync(project.Id, cell.Id)).Version, new { source = $"var v{i} = {i} + {trial};" });
            var held = await CurrentAsync(project.Id, target.Id);
            var text = $"var v39 = 1000 + {trial}; // typed during restore {trial}";

            var restore = Api.Http.PostAsync($"/api/projects/{project.Id}/versions/{version.Id}/restore", null);
            var edit = Api.PatchCellAsync(project.Id, target.Id, held.Version, new { source = text });
            var (restored, edited) = (await restore, await edit);
            if (edited.StatusCode != HttpStatusCode.OK) continue; // refused (412): nothing acknowledged, nothing to keep
            acknowledged++;
            var kept = (await CurrentAsync(project.Id, target.Id)).Source == text;
            var inUndo = restored.StatusCode == HttpStatusCode.OK
                && (await Versions.GetAsync(project.Id, (await restored.Content.ReadFromJsonAsync<RestoredVersion>(ApiClient.Json))!.UndoVersionId))
                    .Cells.Single(c => c.Id == target.Id).Source == text;
            Assert.True(kept || inUndo, $"trial {trial}: the acknowledged edit is neither the cell's source nor in the undo version (restore {restored.StatusCode})");
        }
        Assert.True(acknowledged > 0, "no edit was acknowledged in any trial; the race was not exercised");
    }

    private async Task<CellDto> CurrentAsync(string projectId, string cellId) =>
        (await Api.GetProjectAsync(projectId)).Cells!.Single(c => c.Id == cellId);
}
