using System.Text.Json;
using Sept.Functions.Kernels;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Contracts;

/// <summary>The <see cref="IKernelHost"/> contract on real kernels, run against each twin (local kernel processes;
/// Container Apps sessions through a local session-pool stand-in). Each test uses a project of its own.</summary>
public abstract class KernelHostContract : IAsyncLifetime
{
    private KernelHostTwin _twin = null!;

    protected abstract Task<KernelHostTwin> StartAsync();

    public async Task InitializeAsync() => _twin = await StartAsync();

    public async Task DisposeAsync() => await _twin.DisposeAsync();

    private IKernelHost Host => _twin.Host;

    [Fact]
    public async Task A_cell_reads_a_variable_an_earlier_cell_defined_through_its_binding()
    {
        var project = ProjectId.New();
        var define = CellId.New().ToString();
        Assert.Equal(RunStatus.Success, Finished(await RunAsync(project, Code(define, "var fortyOne = 41;"))).Status);

        var events = await RunAsync(project, Code(CellId.New().ToString(), "fortyOne + 1", ("fortyOne", define)));

        Assert.Equal(RunStatus.Success, Finished(events).Status);
        Assert.Equal("42", Text(events));
    }

    [Fact]
    public async Task An_uploaded_file_is_opened_by_its_plain_name()
    {
        var project = ProjectId.New();
        await Host.PutFileAsync(project, "numbers.csv", new MemoryStream("1,2,3"u8.ToArray()), default);

        var events = await RunAsync(project, Code(CellId.New().ToString(), "System.IO.File.ReadAllText(\"numbers.csv\")"));

        Assert.Equal(RunStatus.Success, Finished(events).Status);
        Assert.Contains("1,2,3", Text(events));
    }

    [Fact]
    public async Task A_restart_loses_the_variables_and_keeps_the_uploaded_files()
    {
        var project = ProjectId.New();
        var define = CellId.New().ToString();
        await Host.PutFileAsync(project, "kept.txt", new MemoryStream("kept"u8.ToArray()), default);
        await _twin.StoreFileAsync(project, "kept.txt", "kept");
        await RunAsync(project, Code(define, "var lost = 1;"));

        await Host.RestartAsync(project, default);

        var read = await RunAsync(project, Code(CellId.New().ToString(), "lost + 1", ("lost", define)));
        Assert.Equal(RunStatus.Error, Finished(read).Status);
        var file = await RunAsync(project, Code(CellId.New().ToString(), "System.IO.File.ReadAllText(\"kept.txt\")"));
        Assert.Contains("kept", Text(file));
    }

    [Fact]
    public async Task A_forgotten_cells_definitions_are_gone_for_later_readers()
    {
        var project = ProjectId.New();
        var define = CellId.New();
        await RunAsync(project, Code(define.ToString(), "var gone = 1;"));

        await Host.ForgetAsync(project, [define], default);

        var events = await RunAsync(project, Code(CellId.New().ToString(), "gone + 1", ("gone", define.ToString())));
        Assert.Equal(RunStatus.Error, Finished(events).Status);
        Assert.Contains(events.OfType<ErrorEvent>(), e => e.Message.Contains("deleted cell", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sql_cells_table_is_paged_and_an_idle_kernel_has_nothing_to_interrupt()
    {
        var project = ProjectId.New();
        var cell = CellId.New();
        var config = JsonSerializer.SerializeToElement(new { resultName = "numbers" });
        var events = await RunAsync(project, new ExecuteRequest("r1", cell.ToString(), "sql", "SELECT range AS i FROM range(250)",
            new Dictionary<string, string>(), config));
        Assert.Equal(RunStatus.Success, Finished(events).Status);

        var page = await Host.GetTablePageAsync(project, cell, 200, 10, default);

        Assert.NotNull(page);
        Assert.Equal(250, page.Value.GetProperty("totalRows").GetInt32());
        Assert.Equal(200, page.Value.GetProperty("rows")[0][0].GetInt32());
        Assert.Null(await Host.GetTablePageAsync(project, CellId.New(), 0, 10, default));
        Assert.Equal(InterruptOutcome.Idle, await Host.InterruptAsync(project, default));
    }

    private async Task<List<KernelEvent>> RunAsync(ProjectId project, ExecuteRequest request) =>
        await Host.ExecuteAsync(project, request, default).ToListAsync();

    private static ExecuteRequest Code(string cellId, string source, params (string Name, string Cell)[] bindings) =>
        new(Guid.NewGuid().ToString("N"), cellId, "code", source, bindings.ToDictionary(b => b.Name, b => b.Cell));

    private static FinishedEvent Finished(List<KernelEvent> events) => Assert.Single(events.OfType<FinishedEvent>());

    private static string Text(List<KernelEvent> events) =>
        Assert.Single(events.OfType<DisplayEvent>()).Data["text/plain"].GetString()!;
}

/// <summary>One kernel host implementation on real kernels.</summary>
public abstract class KernelHostTwin : IAsyncDisposable
{
    public abstract IKernelHost Host { get; }

    /// <summary>Keeps a file in the project's output store as the upload endpoint does (files/{name}).</summary>
    public abstract Task StoreFileAsync(ProjectId project, string name, string content);

    public abstract ValueTask DisposeAsync();
}
