using Sept.Kernel.Protocol;

namespace Sept.Kernel.Tests;

[Collection("kernel")]
public sealed class StreamingTests(KernelFixture kernel)
{
    [Fact]
    public async Task Output_arrives_while_the_cell_is_still_running()
    {
        // The cell prints, then waits until the test puts a flag file in its (sandboxed) working directory: the chunk
        // must arrive before that.
        var flag = $"sept-flag-{Guid.NewGuid():N}";
        var source = $"Console.WriteLine(\"before\");\nwhile (!File.Exists(\"{flag}\")) await Delay(5);\nFile.Delete(\"{flag}\");\nConsole.WriteLine(\"after\");";
        var seen = new List<KernelEvent>();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var e in kernel.Session.ExecuteAsync(Cells.Request("code", Cells.NewId(), source), limit.Token))
        {
            seen.Add(e);
            if (e is StreamEvent { Text: var text } && text.Contains("before"))
                await kernel.Session.UploadAsync(flag, new MemoryStream("go"u8.ToArray()), limit.Token);
        }
        var result = new CellResult(seen).Ok();
        Assert.Equal("before\nafter\n", result.Stdout);
    }

    [Fact]
    public async Task Chunks_keep_their_order()
    {
        var result = (await kernel.Session.CodeAsync("for (var i = 0; i < 40; i++) { Console.WriteLine(i); if (i % 10 == 0) Sleep(15); }")).Ok();
        Assert.Equal(string.Concat(Enumerable.Range(0, 40).Select(i => $"{i}\n")), result.Stdout);
        Assert.True(result.Events.OfType<StreamEvent>().Count() > 1, "expected several chunks");
    }

    [Fact]
    public async Task Output_past_the_cap_is_cut_with_a_marker()
    {
        var result = (await kernel.Session.CodeAsync(
            "var chunk = new string('x', 1024 * 1024);\nfor (var i = 0; i < 10; i++) Console.Write(chunk);")).Ok();
        var truncated = Assert.Single(result.Events.OfType<OutputTruncatedEvent>());
        Assert.Equal(8L * 1024 * 1024, truncated.LimitBytes);
        Assert.Equal(8 * 1024 * 1024, result.Stdout.Length);
        Assert.Contains("output truncated", result.Stderr);
    }
}
