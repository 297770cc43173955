using System.Diagnostics;
using System.Runtime.InteropServices;
using NuGet.Configuration;
using NuGet.Frameworks;
using NuGet.Packaging.Core;
using NuGet.Protocol.Core.Types;
using Sept.Kernel.Protocol;

namespace Sept.Packages;

/// <summary>Restores a package set: resolves versions, downloads what the global packages folder lacks, selects the
/// assets for net10.0 and the runtime, and keeps the result for the next time (<see cref="ResolutionStore"/>).
/// Thread-safe; NuGet's own file locks guard concurrent extraction by several processes.</summary>
public sealed class PackageRestorer
{
    private readonly PackageRestoreOptions options;
    private readonly Lazy<ISettings> settings = new(() => Settings.LoadDefaultSettings(root: null));
    private readonly NuGetFramework framework;
    private readonly string runtime;

    public PackageRestorer(PackageRestoreOptions options)
    {
        this.options = options;
        framework = NuGetFramework.Parse(options.TargetFramework);
        runtime = options.RuntimeIdentifier ?? RuntimeInformation.RuntimeIdentifier;
    }

    public string PackagesDirectory => options.PackagesDirectory ?? SettingsUtility.GetGlobalPackagesFolder(settings.Value);

    private ResolutionStore Store => new(options.ResolutionsDirectory ?? Path.Combine(PackagesDirectory, ".sept-resolutions"));

    /// <summary>The entry point the kernel calls across load contexts (Sept.Kernel's Packages/RestoreLoadContext):
    /// only Sept.Kernel.Protocol and BCL types cross.</summary>
    public static Func<PackageRequest, Action<string>?, CancellationToken, Task<PackageResolution>> Create(PackageRestoreOptions options) =>
        new PackageRestorer(options).RestoreAsync;

    /// <summary>The set resolved before, if its files are still there: no feed, no graph walk.</summary>
    public PackageResolution? TryCached(PackageRequest request) =>
        Store.TryLoad(request.Key(options.TargetFramework, runtime), out var cached) ? cached : null;

    /// <param name="progress">Told what is being restored (one line each step), for the cell's output.</param>
    public async Task<PackageResolution> RestoreAsync(PackageRequest request, Action<string>? progress, CancellationToken ct)
    {
        if (TryCached(request) is { } cached) return cached;
        if (options.Offline)
            throw new PackageRestoreException($"{request} has not been restored, and this kernel restores no packages itself.");
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(options.Timeout);
        try
        {
            var resolution = await RestoreFromFeedsAsync(request, progress, limit.Token);
            Store.Save(request.Key(options.TargetFramework, runtime), resolution);
            return resolution;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new PackageRestoreException(
                $"Restoring {request} did not finish within {options.Timeout.TotalSeconds:0} s: is the feed reachable?");
        }
        catch (FatalProtocolException e)
        {
            throw new PackageRestoreException($"Restoring {request} failed: {e.Message}", e);
        }
    }

    private async Task<PackageResolution> RestoreFromFeedsAsync(PackageRequest request, Action<string>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var local = new LocalPackages(PackagesDirectory);
        using var feeds = PackageFeeds.Open(settings.Value, request.Feeds);
        progress?.Invoke($"Resolving {request}…");
        var graph = new PackageGraph(feeds, local, framework);
        var packages = await graph.ResolveAsync(request.Packages, ct);

        var assets = new PackageAssets(framework, runtime);
        var selected = packages.Select(p => assets.Select(local.Directory(p))).ToList();
        progress?.Invoke($"Restored {Describe(packages)} in {clock.ElapsedMilliseconds} ms" +
            (graph.Downloads == 0 ? ", all from the package cache." : $", {graph.Downloads} downloaded."));
        return new PackageResolution(
            packages.Select(p => new ResolvedPackage(p.Id, p.Version.ToNormalizedString())).ToList(),
            selected.SelectMany(s => s.Assemblies).Distinct().ToList(),
            selected.SelectMany(s => s.Native).Distinct().ToList());
    }

    private static string Describe(IReadOnlyList<PackageIdentity> packages) =>
        $"{string.Join(", ", packages.Take(3).Select(p => $"{p.Id} {p.Version}"))}{(packages.Count > 3 ? ", …" : "")} " +
        $"({packages.Count} package{(packages.Count == 1 ? "" : "s")})";
}
