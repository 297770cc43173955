using System.Text.Json;
using Sept.Functions.Runs;
using Sept.Functions.Storage;
using Sept.Functions.Storage.Local;
using Sept.Functions.Tests.Support;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Hardening;

/// <summary>Issue 13 row 13: the inline limit was per output, so one cell kept 8 MB inline. Now the cell as a whole
/// keeps at most four times the limit (plus short previews), and a bounded number of outputs.</summary>
public sealed class OutputCellLimitTests : IDisposable
{
    private const int InlineLimit = 64 * 1024;
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Many_large_outputs_keep_the_cell_small_and_everything_reachable()
    {
        var store = new FolderOutputStore(_folder.Path);
        var project = ProjectId.New();
        var collector = new OutputCollector(store, project, "run1", CellId.New(), InlineLimit);
        var big = JsonSerializer.SerializeToElement(new string('x', 60_000)); // just under the per-output limit
        var streamed = 0;
        for (var i = 0; i < 130; i++) // 130 x 60 KB = 7.8 MB, as in the report
            if (await collector.AddAsync(new DisplayEvent("run1", "c", new Dictionary<string, JsonElement> { ["text/plain"] = big }), default) is not null)
                streamed++;
        Assert.Equal(130, streamed);
        var inline = JsonSerializer.SerializeToUtf8Bytes(collector.Outputs, StoreJson.Options).Length;
        Assert.True(inline <= collector.CellLimit + 130 * 1024, $"{inline} bytes kept inline");
        Assert.Equal(130, collector.Outputs.Count);
        // What is not inline is in the store, linked from the preview.
        var linked = collector.Outputs.OfType<DisplayOutput>().Where(o => o.Full is not null).ToList();
        Assert.NotEmpty(linked);
        Assert.All(linked, o => Assert.StartsWith($"/api/projects/{project}/outputs/run1/", o.Full!.Url));
    }

    [Fact]
    public async Task After_the_most_outputs_a_cell_keeps_later_ones_are_live_only()
    {
        var collector = new OutputCollector(new FolderOutputStore(_folder.Path), ProjectId.New(), "run2", CellId.New(), InlineLimit);
        for (var i = 0; i < OutputCollector.MaxKeptOutputs + 500; i++)
            Assert.NotNull(await collector.AddAsync(new DisplayEvent("run2", "c", new Dictionary<string, JsonElement> { ["text/plain"] = JsonSerializer.SerializeToElement($"{i}") }), default));
        Assert.Equal(OutputCollector.MaxKeptOutputs + 1, collector.Outputs.Count);
        Assert.Contains("shown live only", ((StreamOutput)collector.Outputs[^1]).Text);
    }

    public void Dispose() => _folder.Dispose();
}
