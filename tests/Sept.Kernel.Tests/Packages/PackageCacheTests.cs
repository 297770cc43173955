namespace Sept.Kernel.Tests.Packages;

/// <summary>A kernel with an empty packages directory downloads from the feed; a new kernel that may not ask any feed
/// (Offline) then loads the same set from the stored resolution.</summary>
public sealed class PackageCacheTests : IAsyncLifetime
{
    private readonly string packages = Directory.CreateTempSubdirectory("sept-packages-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Directory.Delete(packages, recursive: true);
        return Task.CompletedTask;
    }

    private KernelPool Pool(bool offline)
    {
        var options = new KernelPoolOptions { WarmKernels = 1, HealthCheckInterval = TimeSpan.FromMinutes(5) };
        // The app restores for its kernels (PackageRestoreChannel), so the restore settings are the host's.
        options.Process.Packages = new() { PackagesDirectory = packages, Offline = offline };
        return new KernelPool(options);
    }

    [Fact]
    public async Task A_first_restore_comes_from_the_feed_and_a_new_offline_kernel_reuses_it()
    {
        const string cell = "#r \"nuget: Humanizer.Core\"\nusing Humanizer;\n\"FirstRestore\".Humanize()";
        await using (var online = Pool(offline: false))
        {
            await online.StartAsync();
            var session = await online.GetSessionAsync("p");
            var first = (await session.CodeAsync(cell)).Ok();
            Assert.Equal("First restore", first.Text);
            Assert.Contains("Restored Humanizer.Core 3.0.10 (1 package) in", first.Stdout);
            Assert.True(Directory.Exists(Path.Combine(packages, "humanizer.core", "3.0.10")));
        }
        await using var offline = Pool(offline: true);
        await offline.StartAsync();
        var restarted = await offline.GetSessionAsync("p");
        var again = (await restarted.CodeAsync(cell)).Ok();
        Assert.Equal("First restore", again.Text);
        Assert.Equal("", again.Stdout);
        var unknown = await restarted.CodeAsync("#r \"nuget: Newtonsoft.Json, 13.0.4\"\n1");
        Assert.Contains("restores no packages", Assert.Single(unknown.Errors).Message);
    }
}
