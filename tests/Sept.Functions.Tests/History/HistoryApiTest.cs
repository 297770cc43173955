using Sept.Functions.Tests.Support;

namespace Sept.Functions.Tests.History;

/// <summary>A fresh <see cref="HistoryApplication"/> per test with typed clients for projects, cells and versions.</summary>
public abstract class HistoryApiTest : IDisposable
{
    protected HistoryApiTest()
    {
        var http = App.CreateClient();
        Api = new ApiClient(http);
        Versions = new VersionCalls(http);
    }

    protected HistoryApplication App { get; } = new();

    protected ApiClient Api { get; }

    protected VersionCalls Versions { get; }

    public void Dispose()
    {
        App.Dispose();
        GC.SuppressFinalize(this);
    }
}
