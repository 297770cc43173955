using Sept.Kernel.Protocol;
using static Sept.Kernel.Tests.ReactiveValueTests;

namespace Sept.Kernel.Tests;

/// <summary>The compile-once cache on real kernel processes: what re-runs without a compile (CompileCount in the
/// finished event does not move), what must recompile, and that the values match a fresh Run all.</summary>
[Collection("kernel")]
public sealed class CompileCacheTests(KernelFixture kernel)
{
    private KernelSession Session => kernel.Session;

    /// <summary>Runs a cell and returns its result with the number of compiles the run caused.</summary>
    private async Task<(CellResult Result, int Compiles)> Run(KernelSession session, ExecuteRequest request)
    {
        var before = (await session.StatusAsync()).CompileCount;
        var result = (await session.RunAsync(request)).Ok();
        return (result, result.Finished.CompileCount - before);
    }

    private Task<(CellResult Result, int Compiles)> Code(string cellId, string source, Dictionary<string, string>? bindings = null) =>
        Run(Session, Cells.Request("code", cellId, source, bindings));

    [Fact]
    public async Task An_unchanged_cell_and_its_reader_rerun_without_compiling_and_see_new_values()
    {
        string a = Cells.NewId(), b = Cells.NewId();
        Assert.Equal(1, (await Code(a, "var hits = new List<int>(); hits.Add(1);")).Compiles);
        var first = await Code(b, "hits.Count * 10", Bind("hits", a));
        Assert.Equal((1, "10"), (first.Compiles, first.Result.Text));

        Assert.Equal(0, (await Code(b, "hits.Count * 10", Bind("hits", a))).Compiles);
        var rerunA = await Code(a, "var hits = new List<int>(); hits.Add(1);");
        Assert.Equal(0, rerunA.Compiles);
        // The reader runs its compiled code against the list the re-run made (a fresh list, so still one element).
        var again = await Code(b, "hits.Count * 10", Bind("hits", a));
        Assert.Equal((0, "10"), (again.Compiles, again.Result.Text));
        var grow = await Code(Cells.NewId(), "hits.Add(2); hits.Count", Bind("hits", a));
        Assert.Equal("2", grow.Result.Text);
        Assert.Equal("20", (await Code(b, "hits.Count * 10", Bind("hits", a))).Result.Text);
    }

    [Fact]
    public async Task Editing_a_cell_keeps_its_readers_compiled_while_the_written_types_stay_the_same()
    {
        string a = Cells.NewId(), b = Cells.NewId(), c = Cells.NewId();
        await Code(a, "var n = 3;\nvar label = \"three\";");
        await Code(b, "var doubled = n * 2;", Bind("n", a));
        Assert.Equal("6 three", (await Code(c, "$\"{doubled} {label}\"", new() { ["doubled"] = b, ["label"] = a })).Result.Text);

        Assert.Equal(1, (await Code(a, "var n = 4 + 1; // edited\nvar label = \"five\";")).Compiles);
        Assert.Equal(0, (await Code(b, "var doubled = n * 2;", Bind("n", a))).Compiles);
        var shown = await Code(c, "$\"{doubled} {label}\"", new() { ["doubled"] = b, ["label"] = a });
        Assert.Equal((0, "10 five"), (shown.Compiles, shown.Result.Text));

        // A reader compiled after the edit and one compiled before both see the next value.
        var late = await Code(Cells.NewId(), "n", Bind("n", a));
        Assert.Equal((1, "5"), (late.Compiles, late.Result.Text));
        await Code(a, "var n = 7;\nvar label = \"seven\";");
        Assert.Equal("7", (await Code(Cells.NewId(), "n", Bind("n", a))).Result.Text);
        Assert.Equal(0, (await Code(b, "var doubled = n * 2;", Bind("n", a))).Compiles);
        Assert.Equal("14 seven", (await Code(c, "$\"{doubled} {label}\"", new() { ["doubled"] = b, ["label"] = a })).Result.Text);
    }

    [Fact]
    public async Task A_type_change_recompiles_the_readers()
    {
        string a = Cells.NewId(), b = Cells.NewId();
        await Code(a, "var v = 42;");
        Assert.Equal("42!", (await Code(b, "v.ToString() + \"!\"", Bind("v", a))).Result.Text);
        await Code(a, "var v = \"text\";");
        var reader = await Code(b, "v.ToString() + \"!\"", Bind("v", a));
        Assert.Equal((1, "text!"), (reader.Compiles, reader.Result.Text));
    }

    [Fact]
    public async Task Methods_and_types_of_an_edited_cell_recompile_their_callers()
    {
        string a = Cells.NewId(), b = Cells.NewId(), t = Cells.NewId(), u = Cells.NewId();
        await Code(a, "int Scale(int x) => x * 2;");
        Assert.Equal("6", (await Code(b, "Scale(3)", Bind("Scale", a))).Result.Text);
        await Code(a, "int Scale(int x) => x * 3;");
        var called = await Code(b, "Scale(3)", Bind("Scale", a));
        Assert.Equal((1, "9"), (called.Compiles, called.Result.Text));

        await Code(t, "record Pair(int L, int R);");
        Assert.Equal("Pair { L = 1, R = 2 }", (await Code(u, "new Pair(1, 2)", Bind("Pair", t))).Result.Text);
        await Code(t, "record Pair(int L, int R) { public int Sum => L + R; }");
        var made = await Code(u, "new Pair(1, 2)", Bind("Pair", t));
        Assert.Equal(1, made.Compiles);
        Assert.Equal("3", (await Code(Cells.NewId(), "new Pair(1, 2).Sum", Bind("Pair", t))).Result.Text);
    }

    [Fact]
    public async Task Redefinition_by_another_cell_still_reads_the_bound_cell_from_the_cache()
    {
        string a = Cells.NewId(), b = Cells.NewId(), c = Cells.NewId();
        await Code(a, "var x = 1;");
        await Code(b, "var x = 100;");
        Assert.Equal("101", (await Code(c, "x + 1", Bind("x", b))).Result.Text);
        await Code(a, "var x = 5;");
        var again = await Code(c, "x + 1", Bind("x", b));
        Assert.Equal((0, "101"), (again.Compiles, again.Result.Text));
        await Code(b, "var x = 200;");
        var edited = await Code(c, "x + 1", Bind("x", b));
        Assert.Equal((0, "201"), (edited.Compiles, edited.Result.Text));
    }

    [Fact]
    public async Task An_input_value_change_reruns_the_input_and_its_readers_without_compiling()
    {
        string slider = Cells.NewId(), reader = Cells.NewId();
        ExecuteRequest Slide(int value) => Cells.Request("input", slider, "", config: $$"""{"name":"level","type":"slider","value":{{value}}}""");
        await Run(Session, Slide(1));
        Assert.Equal("10", (await Code(reader, "level * 10", Bind("level", slider))).Result.Text);
        for (var value = 2; value <= 4; value++)
        {
            Assert.Equal(0, (await Run(Session, Slide(value))).Compiles);
            var read = await Code(reader, "level * 10", Bind("level", slider));
            Assert.Equal((0, $"{value * 10}"), (read.Compiles, read.Result.Text));
        }
    }

    [Fact]
    public async Task A_cell_that_throws_when_rerun_from_the_cache_reports_its_line()
    {
        string a = Cells.NewId(), b = Cells.NewId();
        await Code(a, "var divisor = 1;");
        await Code(b, "var ok = 1;\nvar q = 10 / divisor;", Bind("divisor", a));
        await Code(a, "var divisor = 0;");
        var before = (await Session.StatusAsync()).CompileCount;
        var failed = await Session.RunAsync(Cells.Request("code", b, "var ok = 1;\nvar q = 10 / divisor;", Bind("divisor", a)));
        Assert.Equal(before, failed.Finished.CompileCount);
        var error = Assert.Single(failed.Errors);
        Assert.Equal(("DivideByZeroException", 2), (error.Ename, error.Line));
    }

    [Fact]
    public async Task A_comment_or_whitespace_edit_reruns_the_compiled_code_and_reports_current_lines()
    {
        string a = Cells.NewId(), b = Cells.NewId();
        await Code(a, "var d = 2;");
        Assert.Equal("5", (await Code(b, "10 / d", Bind("d", a))).Result.Text);
        var commented = await Code(b, "// halve\n10 /   d", Bind("d", a));
        Assert.Equal((0, "5"), (commented.Compiles, commented.Result.Text));
        await Code(a, "var d = 0;");
        var before = (await Session.StatusAsync()).CompileCount;
        var failed = await Session.RunAsync(Cells.Request("code", b, "// halve\n\n  10 / d", Bind("d", a)));
        Assert.Equal(before, failed.Finished.CompileCount);
        var error = Assert.Single(failed.Errors);
        Assert.Equal(("DivideByZeroException", 3, 3), (error.Ename, error.Line, error.Column));
    }

    [Fact]
    public async Task Cached_reruns_and_cascades_give_the_values_of_a_fresh_run_all()
    {
        string data = Cells.NewId(), shape = Cells.NewId(), stats = Cells.NewId(), show = Cells.NewId();
        var sources = new Dictionary<string, (string Source, Dictionary<string, string> Bindings)>
        {
            [data] = ("var rows = Enumerable.Range(1, 5).Select(i => new { i, sq = i * i }).ToList();", []),
            [shape] = ("record Summary(int Count, int Total);", []),
            [stats] = ("var summary = new Summary(rows.Count, rows.Sum(r => r.sq));\nFunc<int, int> scale = k => summary.Total * k;",
                new() { ["rows"] = data, ["Summary"] = shape }),
            [show] = ("$\"{summary} {scale(2)} {rows.Last().sq}\"", new() { ["summary"] = stats, ["scale"] = stats, ["rows"] = data }),
        };
        async Task<string?> RunAll(KernelSession session)
        {
            string? text = null;
            foreach (var (cell, (source, bindings)) in sources) text = (await Run(session, Cells.Request("code", cell, source, bindings))).Result.Text;
            return text;
        }

        await RunAll(Session);
        // Edit the data cell (an anonymous element type: a new type, so its readers recompile), re-run the cascade twice.
        sources[data] = ("var rows = Enumerable.Range(1, 6).Select(i => new { i, sq = i * i }).ToList();", []);
        await RunAll(Session);
        var cached = await RunAll(Session);

        var fresh = await kernel.Pool.GetSessionAsync($"fresh-{Guid.NewGuid():N}");
        try
        {
            Assert.Equal(await RunAll(fresh), cached);
            Assert.Equal("Summary { Count = 6, Total = 91 } 182 36", cached);
        }
        finally
        {
            await kernel.Pool.CloseSessionAsync(fresh.ProjectId);
        }
    }

    [Fact]
    public async Task A_kill_after_cached_reruns_replays_the_current_values()
    {
        var project = $"cache-replay-{Guid.NewGuid():N}";
        var session = await kernel.Pool.GetSessionAsync(project);
        try
        {
            string a = Cells.NewId(), b = Cells.NewId();
            await Run(session, Cells.Request("code", a, "var seed = 2;"));
            await Run(session, Cells.Request("code", b, "var product = seed * 21;", Bind("seed", a)));
            await Run(session, Cells.Request("code", a, "var seed = 3;"));
            Assert.Equal(0, (await Run(session, Cells.Request("code", b, "var product = seed * 21;", Bind("seed", a)))).Compiles);
            session.Kernel.Kill();
            var read = (await session.CodeAsync(Cells.NewId(), "product", Bind("product", b))).Ok();
            Assert.Equal("63", read.Text);
            Assert.Equal([a, b], session.LastRestore!.ReplayedCellIds);
        }
        finally
        {
            await kernel.Pool.CloseSessionAsync(project);
        }
    }
}
