using Microsoft.CodeAnalysis.CSharp;
using Microsoft.Extensions.DependencyInjection;
using Sept.Functions.Kernels;
using Sept.Functions.Tests.Support;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Tests.Security;

/// <summary>Issue 13 rows 1 and 9 through the app's own kernel host (real sandboxed kernel processes): a cell sees
/// none of the app's environment, cannot open the app's database or another project's files, and is stopped at
/// the cell time limit.</summary>
public sealed class KernelSandboxTests : IDisposable
{
    private static readonly string CanaryName = $"Sept__Canary__{Guid.NewGuid():N}";
    private static readonly string Canary = $"canary-{Guid.NewGuid():N}";

    private readonly SeptApplication _app;
    private readonly ApiClient _api;

    public KernelSandboxTests()
    {
        // Set on the app's process, as Sept__Auth__DevSigningKey or a connection string would be.
        Environment.SetEnvironmentVariable(CanaryName, Canary);
        _app = new SeptApplication();
        _api = new ApiClient(_app.CreateClient());
    }

    public void Dispose()
    {
        _app.Dispose();
        Environment.SetEnvironmentVariable(CanaryName, null);
    }

    private IKernelHost Host => _app.Services.GetRequiredService<IKernelHost>();

    [Fact]
    public async Task A_cell_printing_the_environment_does_not_see_the_apps_secrets()
    {
        var project = await _api.CreateProjectAsync("environment");
        var printed = await RunAsync(project.Id, """
            var all = string.Join("\n", Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().Select(e => $"{e.Key}={e.Value}"));
            all + "\n" + System.IO.File.ReadAllText("/proc/self/environ").Replace('\0', '\n')
            """);
        Assert.Contains("PATH=", printed);
        Assert.DoesNotContain(Canary, printed);
        Assert.DoesNotContain("Sept__", printed);
        Assert.DoesNotContain(Environment.GetEnvironmentVariable(CanaryName)!, printed);
    }

    [Fact]
    public async Task A_cell_cannot_open_the_database_or_another_projects_files()
    {
        var owner = await _api.CreateProjectAsync("owner");
        await Host.PutFileAsync(ProjectId.Parse(owner.Id), "private.txt", new MemoryStream("owner-only"u8.ToArray()), default);
        Assert.Equal("owner-only", Unquote(await RunAsync(owner.Id, "System.IO.File.ReadAllText(\"private.txt\")")));

        var data = Path.GetFullPath(_app.DataDirectory);
        var database = Path.Combine(data, "sept.db");
        Assert.True(File.Exists(database));
        var ownerFile = Path.Combine(data, "kernel-files", owner.Id, "private.txt");
        var intruder = await _api.CreateProjectAsync("intruder");
        var tried = Unquote(await RunAsync(intruder.Id, $$"""
            string Try(string path) { try { return System.IO.File.ReadAllBytes(path).Length.ToString(); } catch (Exception e) { return e.GetType().Name; } }
            string.Join(",", Try({{Literal(database)}}), Try({{Literal(ownerFile)}}), System.IO.Directory.Exists({{Literal(data)}}).ToString(),
                string.Join(";", System.IO.Directory.GetFileSystemEntries("/project/files")))
            """));
        Assert.Equal("DirectoryNotFoundException,DirectoryNotFoundException,False,", tried);
    }

    [Fact]
    public async Task Files_uploaded_before_and_while_a_sandboxed_kernel_runs_survive_its_restart()
    {
        var first = ProjectId.Parse((await _api.CreateProjectAsync("first")).Id);
        await Host.PutFileAsync(first, "before.txt", new MemoryStream("before"u8.ToArray()), default);
        Assert.Equal("before", Unquote(await RunAsync(first.ToString(), "System.IO.File.ReadAllText(\"before.txt\")")));
        await Host.PutFileAsync(first, "during.txt", new MemoryStream("during"u8.ToArray()), default);
        await Host.RestartAsync(first, default);
        Assert.Equal("before+during", Unquote(await RunAsync(first.ToString(),
            "System.IO.File.ReadAllText(\"before.txt\") + \"+\" + System.IO.File.ReadAllText(\"during.txt\")")));
        await Host.StopAsync(first, default);
        Assert.False(Directory.Exists(Path.Combine(_app.DataDirectory, "kernel-files", first.ToString())));
    }

    [Fact]
    public async Task A_cell_past_the_projects_time_limit_is_stopped()
    {
        var project = await _api.CreateProjectAsync("timeout");
        using var patch = await _api.Http.PatchAsync($"/api/projects/{project.Id}", System.Net.Http.Json.JsonContent.Create(new { cellTimeoutSeconds = 2 }));
        patch.EnsureSuccessStatusCode();
        var cell = await _api.AddCellAsync(project.Id, "code", "while (true) { }");
        var run = await _api.RunAsync(project.Id, "cell", cell.Id);
        await _app.Realtime.WaitForAsync<Sept.Functions.Realtime.RunFinished>(ProjectId.Parse(project.Id), f => f.RunId == run.RunId, TimeSpan.FromSeconds(120));
        var stopped = (await _api.GetProjectAsync(project.Id)).Cells!.Single(c => c.Id == cell.Id);
        Assert.Contains("time limit of 2000 ms", System.Text.Json.JsonSerializer.Serialize(stopped.Outputs));
    }

    private async Task<string> RunAsync(string projectId, string source)
    {
        var events = new List<KernelEvent>();
        var request = new ExecuteRequest($"run-{Guid.NewGuid():N}", CellId.New().ToString(), "code", source, new Dictionary<string, string>());
        await foreach (var e in Host.ExecuteAsync(ProjectId.Parse(projectId), request, default)) events.Add(e);
        Assert.True(events.OfType<FinishedEvent>().Single().Status == RunStatus.Success,
            string.Join("; ", events.OfType<ErrorEvent>().Select(e => $"{e.Ename}: {e.Message}")));
        return events.OfType<DisplayEvent>().Last().Data["text/plain"].GetString()!;
    }

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    private static string Unquote(string text) => text.StartsWith('"') ? System.Text.Json.JsonSerializer.Deserialize<string>(text)! : text;
}
