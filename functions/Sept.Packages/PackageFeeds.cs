using NuGet.Common;
using NuGet.Configuration;
using NuGet.Packaging.Core;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;
using Sept.Kernel.Protocol;

namespace Sept.Packages;

/// <summary>The feeds of one restore (the machine's NuGet configuration plus the notebook's <c>#i</c> feeds), through
/// NuGet.Protocol. Answers are cached for the restore, so each package id is asked for at most once.</summary>
internal sealed class PackageFeeds(IReadOnlyList<SourceRepository> sources, SourceCacheContext cache) : IDisposable
{
    private readonly Dictionary<string, Task<IReadOnlyList<(NuGetVersion Version, SourceRepository Source)>>> versions =
        new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock gate = new();

    public static PackageFeeds Open(ISettings settings, IEnumerable<string> extraFeeds)
    {
        var configured = new PackageSourceProvider(settings).LoadPackageSources().Where(s => s.IsEnabled);
        var all = configured.Concat(extraFeeds.Select(f => new PackageSource(f)))
            .DistinctBy(s => s.Source, StringComparer.OrdinalIgnoreCase)
            .Select(s => Repository.Factory.GetCoreV3(s))
            .ToList();
        return new PackageFeeds(all, new SourceCacheContext());
    }

    public string Describe() => string.Join(", ", sources.Select(s => s.PackageSource.Source));

    /// <summary>Every version of a package on any feed, with the first feed that has it.</summary>
    public Task<IReadOnlyList<(NuGetVersion Version, SourceRepository Source)>> VersionsAsync(string id, CancellationToken ct)
    {
        lock (gate)
        {
            if (!versions.TryGetValue(id, out var task)) versions[id] = task = FetchVersionsAsync(id, ct);
            return task;
        }
    }

    private async Task<IReadOnlyList<(NuGetVersion, SourceRepository)>> FetchVersionsAsync(string id, CancellationToken ct)
    {
        var perSource = await Task.WhenAll(sources.Select(async source =>
        {
            var finder = await ResourceAsync<FindPackageByIdResource>(source, ct);
            var found = await finder.GetAllVersionsAsync(id, cache, NullLogger.Instance, ct);
            return found.Select(v => (v, source)).ToList();
        }));
        return perSource.SelectMany(s => s).DistinctBy(s => s.v).OrderBy(s => s.v).ToList();
    }

    /// <summary>Downloads and extracts a package into the global packages folder (NuGet's own layout and locking).</summary>
    public async Task DownloadAsync(PackageIdentity package, SourceRepository source, string packagesDirectory, CancellationToken ct)
    {
        var download = await ResourceAsync<DownloadResource>(source, ct);
        using var result = await download.GetDownloadResourceResultAsync(package, new PackageDownloadContext(cache),
            packagesDirectory, NullLogger.Instance, ct);
        if (result.Status != DownloadResourceResultStatus.Available)
            throw new PackageRestoreException($"{package.Id} {package.Version} could not be downloaded from {source.PackageSource.Source} ({result.Status}).");
    }

    private static async Task<T> ResourceAsync<T>(SourceRepository source, CancellationToken ct) where T : class, INuGetResource =>
        await source.GetResourceAsync<T>(ct)
        ?? throw new PackageRestoreException($"{source.PackageSource.Source} is not a NuGet feed this kernel can read.");

    public void Dispose() => cache.Dispose();
}
