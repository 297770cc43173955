using Sept.Kernel.Protocol;

namespace Sept.Kernel.Tests.Packages;

/// <summary>#r "nuget: ..." on real kernel processes and the real feed this machine reaches, with the machine's global
/// packages folder (shared with dotnet restore).</summary>
[Collection("kernel")]
public sealed class PackageTests(KernelFixture kernel) : IAsyncLifetime
{
    private readonly string project = $"packages-{Guid.NewGuid():N}";
    private KernelSession session = null!;

    public async Task InitializeAsync() => session = await kernel.Pool.GetSessionAsync(project);

    public Task DisposeAsync() => kernel.Pool.CloseSessionAsync(project);

    [Fact]
    public async Task A_package_directive_restores_before_the_cell_compiles_and_later_cells_use_it()
    {
        var first = (await session.CodeAsync("#r \"nuget: Humanizer.Core, 3.0.10\"\nusing Humanizer;\n\"SomeTitleText\".Humanize()")).Ok();
        Assert.Equal("Some title text", first.Text);
        var later = (await session.CodeAsync("using Humanizer;\n3.ToWords()")).Ok();
        Assert.Equal("three", later.Text);
    }

    [Fact]
    public async Task Re_running_a_package_cell_restores_nothing_again()
    {
        var cell = Cells.NewId();
        const string source = "#r \"nuget: Humanizer.Core, 3.0.10\"\nusing Humanizer;\n\"PascalCaseInput\".Humanize()";
        (await session.CodeAsync(cell, source)).Ok();
        var again = (await session.CodeAsync(cell, source)).Ok();
        Assert.Equal("Pascal case input", again.Text);
        Assert.Equal("", again.Stdout);
    }

    [Fact]
    public async Task Several_directives_a_range_and_a_float_resolve_in_one_cell()
    {
        var result = (await session.CodeAsync(
            "#r \"nuget: Humanizer.Core, [3.0.10,4.0)\"\n// comments may sit between directives\n#r \"nuget: Newtonsoft.Json, 13.0.*\"\n" +
            "typeof(Humanizer.StringHumanizeExtensions).Assembly.GetName().Version + \" \" + typeof(Newtonsoft.Json.JsonConvert).Assembly.GetName().Version")).Ok();
        Assert.Equal("3.0.0.0 13.0.0.0", result.Text);
    }

    [Fact]
    public async Task A_user_newtonsoft_older_than_the_kernels_own_is_the_one_user_code_gets()
    {
        // The kernel itself loads Newtonsoft.Json 13 (NuGet.Protocol's dependency) into the default load context.
        var result = (await session.CodeAsync(
            "#r \"nuget: Newtonsoft.Json, 12.0.3\"\n" +
            "var version = typeof(Newtonsoft.Json.JsonConvert).Assembly.GetName().Version;\n" +
            "$\"{version} {Newtonsoft.Json.JsonConvert.SerializeObject(new { a = 1 })}\"")).Ok();
        Assert.Equal("12.0.0.0 {\"a\":1}", result.Text);
        // The kernel keeps working: its own restore code (and Newtonsoft 13) still runs.
        (await session.CodeAsync("#r \"nuget: Humanizer.Core, 3.0.10\"\n1 + 1")).Ok();
    }

    [Fact]
    public async Task A_native_asset_for_linux_x64_loads()
    {
        var result = (await session.CodeAsync(
            "#r \"nuget: Microsoft.Data.Sqlite, 10.0.15\"\n" +
            "var connection = new Microsoft.Data.Sqlite.SqliteConnection(\"Data Source=:memory:\");\n" +
            "connection.Open();\nvar command = connection.CreateCommand();\ncommand.CommandText = \"select 6 * 7\";\n" +
            "(long)command.ExecuteScalar()!")).Ok();
        Assert.Equal("42", result.Text);
    }

    [Fact]
    public async Task An_unknown_package_is_a_readable_error_naming_it_and_the_kernel_goes_on()
    {
        var result = await session.CodeAsync("#r \"nuget: Sept.No.Such.Package.Anywhere\"\n1");
        var error = Assert.Single(result.Errors);
        Assert.Equal("PackageError", error.Ename);
        Assert.Contains("Sept.No.Such.Package.Anywhere", error.Message);
        Assert.Contains("not found", error.Message);
        Assert.Equal(1, error.Line);
        Assert.Equal("2", (await session.CodeAsync("1 + 1")).Ok().Text);
    }

    [Fact]
    public async Task An_unknown_version_names_the_newest_one()
    {
        var result = await session.CodeAsync("#r \"nuget: Humanizer.Core, 99.0.0\"\n1");
        var error = Assert.Single(result.Errors);
        Assert.Equal("PackageError", error.Ename);
        Assert.Contains("99.0.0", error.Message);
        Assert.Contains("Humanizer.Core", error.Message);
    }

    [Fact]
    public async Task A_malformed_directive_is_located_on_its_line()
    {
        var result = await session.CodeAsync("// packages\n#r \"nuget: \"\n1");
        var error = Assert.Single(result.Errors);
        Assert.Equal("DirectiveError", error.Ename);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public async Task Another_version_of_a_loaded_package_asks_for_a_restart()
    {
        (await session.CodeAsync("#r \"nuget: Humanizer.Core, 3.0.10\"\n1")).Ok();
        var result = await session.CodeAsync("#r \"nuget: Humanizer.Core, 2.14.1\"\n1");
        var error = Assert.Single(result.Errors);
        Assert.Contains("restart", error.Message);
    }

    [Fact]
    public async Task An_uploaded_assembly_is_referenced_by_path()
    {
        // Any real assembly file stands for an upload: the test's own copy of Sept.Notebooks.
        var path = typeof(Sept.Notebooks.Cells.CellId).Assembly.Location;
        var result = (await session.CodeAsync($"#r \"{path}\"\nSept.Notebooks.Cells.CellId.Parse(\"{new string('a', 32)}\").ToString()")).Ok();
        Assert.Equal(new string('a', 32), result.Text);
        var missing = await session.CodeAsync("#r \"not-uploaded.dll\"\n1");
        Assert.Contains("not-uploaded.dll", Assert.Single(missing.Errors).Message);
    }

    [Fact]
    public async Task A_restart_replays_package_cells_and_later_cells_still_use_the_package()
    {
        (await session.CodeAsync("#r \"nuget: Humanizer.Core, 3.0.10\"")).Ok();
        var words = Cells.NewId();
        (await session.CodeAsync(words, "using Humanizer;\nvar words = 12.ToWords();")).Ok();
        var report = await session.RestartAsync("test");
        Assert.Empty(report.FailedCellIds);
        var after = (await session.CodeAsync(Cells.NewId(), "using Humanizer;\nwords + \" \" + 2.ToWords()",
            new Dictionary<string, string> { ["words"] = words })).Ok();
        Assert.Equal("twelve two", after.Text);
    }

    [Fact]
    public async Task A_data_frame_from_its_package_displays_as_a_table()
    {
        var result = (await session.CodeAsync(
            "#r \"nuget: Microsoft.Data.Analysis, 0.24.0\"\nusing Microsoft.Data.Analysis;\n" +
            "new DataFrame(new Int32DataFrameColumn(\"n\", new[] { 1, 2, 3 }), new StringDataFrameColumn(\"name\", new[] { \"a\", \"b\", \"c\" }))")).Ok();
        var table = result.Displays.Last().Data[MimeTypes.Table];
        Assert.Equal(["n", "name"], table.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(3, table.GetProperty("totalRows").GetInt32());
        Assert.Equal("b", table.GetProperty("rows")[1][1].GetString());
    }
}
