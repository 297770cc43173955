using Sept.Kernel.Hosting;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Kernel.Tests;

/// <summary>One warm kernel pool for the whole suite; tests that don't need isolation share one session and use
/// fresh cell ids, so they cannot see each other's variables.</summary>
public sealed class KernelFixture : IAsyncLifetime
{
    public KernelPool Pool { get; } = new(new KernelPoolOptions { WarmKernels = 1, HealthCheckInterval = TimeSpan.FromMinutes(5) });
    public KernelSession Session { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Pool.StartAsync();
        Session = await Pool.GetSessionAsync("shared");
    }

    public async Task DisposeAsync() => await Pool.DisposeAsync();
}

[CollectionDefinition("kernel")]
public sealed class KernelCollection : ICollectionFixture<KernelFixture>;

/// <summary>Builds requests and collects their events.</summary>
public static class Cells
{
    public static string NewId() => CellId.New().ToString();

    public static ExecuteRequest Request(string kind, string cellId, string source,
        IReadOnlyDictionary<string, string>? bindings = null, string? config = null, int? timeoutMs = null) =>
        new($"run-{Guid.NewGuid():N}", cellId, kind, source, bindings ?? new Dictionary<string, string>(),
            config is null ? null : System.Text.Json.JsonDocument.Parse(config).RootElement.Clone(), 0, timeoutMs);

    public static async Task<CellResult> RunAsync(this KernelSession session, ExecuteRequest request)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var events = new List<KernelEvent>();
        await foreach (var e in session.ExecuteAsync(request, limit.Token)) events.Add(e);
        return new CellResult(events);
    }

    public static Task<CellResult> CodeAsync(this KernelSession session, string cellId, string source,
        IReadOnlyDictionary<string, string>? bindings = null, int? timeoutMs = null) =>
        session.RunAsync(Request("code", cellId, source, bindings, timeoutMs: timeoutMs));

    public static Task<CellResult> CodeAsync(this KernelSession session, string source) => session.CodeAsync(NewId(), source);
}

public sealed record CellResult(IReadOnlyList<KernelEvent> Events)
{
    public FinishedEvent Finished => Events.OfType<FinishedEvent>().Single();
    public string Status => Finished.Status;
    public string Stdout => Stream(StreamNames.Stdout);
    public string Stderr => Stream(StreamNames.Stderr);
    public IReadOnlyList<ErrorEvent> Errors => Events.OfType<ErrorEvent>().ToList();
    public IReadOnlyList<DisplayEvent> Displays => Events.OfType<DisplayEvent>().ToList();

    /// <summary>text/plain of the last display.</summary>
    public string? Text => Displays.LastOrDefault()?.Data.TryGetValue(MimeTypes.Text, out var t) == true ? t.GetString() : null;

    public string Stream(string name) => string.Concat(Events.OfType<StreamEvent>().Where(s => s.Name == name).Select(s => s.Text));

    /// <summary>Asserts success, showing the errors otherwise.</summary>
    public CellResult Ok()
    {
        Assert.True(Status == RunStatus.Success, $"{Status}: {string.Join("; ", Errors.Select(e => $"{e.Ename} {e.Message} ({e.Line},{e.Column})"))}");
        return this;
    }
}
