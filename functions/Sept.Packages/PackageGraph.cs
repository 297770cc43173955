using NuGet.Frameworks;
using NuGet.Packaging.Core;
using NuGet.Protocol.Core.Types;
using NuGet.Versioning;
using Sept.Kernel.Protocol;

namespace Sept.Packages;

/// <summary>Resolves a package set to one version per package, with PackageReference's rules: a directive's version
/// wins over any dependency's (direct dependency wins); a dependency takes the lowest version in its range, and when
/// two ranges meet, the higher of their lowest versions. The global packages folder answers first: a set already
/// there resolves without asking a feed. A package missing from it is downloaded when the walk reaches it and its
/// dependencies are read from its own nuspec (feeds' metadata can lack them).</summary>
internal sealed class PackageGraph(PackageFeeds feeds, LocalPackages local, NuGetFramework framework)
{
    private readonly Dictionary<PackageIdentity, SourceRepository> sourceOf = new();
    private readonly Dictionary<PackageIdentity, IReadOnlyList<PackageDependency>> dependencies = new();

    private int downloads;

    /// <summary>How many packages the walk downloaded into the global packages folder.</summary>
    public int Downloads => downloads;

    public async Task<IReadOnlyList<PackageIdentity>> ResolveAsync(IReadOnlyList<PackageRequirement> requirements, CancellationToken ct)
    {
        var direct = await Task.WhenAll(requirements.Select(r => PinAsync(r, ct)));
        var chosen = direct.ToDictionary(p => p.Id, p => p.Version, StringComparer.OrdinalIgnoreCase);
        var pending = direct.ToList();
        while (pending.Count > 0)
        {
            var lists = await Task.WhenAll(pending.Select(p => DependenciesAsync(p, ct)));
            var edges = lists.SelectMany(l => l)
                .Where(d => !PlatformAssemblies.Provides(d.Id) && !direct.Any(p => p.Id.Equals(d.Id, StringComparison.OrdinalIgnoreCase)))
                .ToList();
            var lowest = await Task.WhenAll(edges.Select(d => LowestAsync(d, ct)));
            pending = [];
            foreach (var package in lowest)
            {
                if (chosen.TryGetValue(package.Id, out var current) && current >= package.Version) continue;
                chosen[package.Id] = package.Version;
                pending.Add(package);
            }
        }
        return Reachable(direct, chosen);
    }

    /// <summary>A version raised by a later range leaves the dependencies of the lower one behind: keep only what the
    /// chosen versions reach.</summary>
    private List<PackageIdentity> Reachable(IEnumerable<PackageIdentity> direct, Dictionary<string, NuGetVersion> chosen)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<PackageIdentity>();
        var queue = new Queue<PackageIdentity>(direct);
        while (queue.TryDequeue(out var package))
        {
            if (!seen.Add(package.Id)) continue;
            result.Add(package);
            foreach (var d in dependencies[package])
                if (chosen.TryGetValue(d.Id, out var version)) queue.Enqueue(new PackageIdentity(d.Id, version));
        }
        return result;
    }

    private async Task<PackageIdentity> PinAsync(PackageRequirement requirement, CancellationToken ct)
    {
        var exact = requirement.Version is { } text && NuGetVersion.TryParse(text, out var v) ? v : null;
        if (exact is not null && local.Has(requirement.Id, exact)) return new PackageIdentity(requirement.Id, exact);

        VersionRange? range = null;
        if (exact is null && !VersionRange.TryParse(requirement.Version ?? "*", allowFloating: true, out range))
            throw new PackageRestoreException($"'{requirement.Version}' is not a version or version range (package {requirement.Id}).");
        var versions = await feeds.VersionsAsync(requirement.Id, ct);
        if (versions.Count == 0)
            throw new PackageRestoreException($"Package '{requirement.Id}' was not found on {feeds.Describe()}.");
        var newest = versions.Where(x => !x.Version.IsPrerelease).Select(x => x.Version).DefaultIfEmpty(versions[^1].Version).Max()!;
        var best = exact is not null
            ? versions.Select(x => x.Version).FirstOrDefault(x => x == exact)
            : range!.FindBestMatch(versions.Select(x => x.Version));
        if (best is null)
            throw new PackageRestoreException(exact is not null
                ? $"Version {exact} of package '{requirement.Id}' was not found (the newest is {newest})."
                : $"No version of package '{requirement.Id}' matches '{requirement.Version}' (the newest is {newest}).");
        return Remember(new PackageIdentity(requirement.Id, best), versions);
    }

    private async Task<PackageIdentity> LowestAsync(PackageDependency dependency, CancellationToken ct)
    {
        var range = dependency.VersionRange;
        if (range.HasLowerBound && range.IsMinInclusive && local.Has(dependency.Id, range.MinVersion!))
            return new PackageIdentity(dependency.Id, range.MinVersion);
        var versions = await feeds.VersionsAsync(dependency.Id, ct);
        var prerelease = range.MinVersion?.IsPrerelease == true;
        var lowest = versions.Select(x => x.Version).FirstOrDefault(x => range.Satisfies(x) && (prerelease || !x.IsPrerelease))
            ?? throw new PackageRestoreException(
                $"Dependency '{dependency.Id}' {range.PrettyPrint()} was not found on {feeds.Describe()}.");
        return Remember(new PackageIdentity(dependency.Id, lowest), versions);
    }

    private PackageIdentity Remember(PackageIdentity package, IReadOnlyList<(NuGetVersion Version, SourceRepository Source)> versions)
    {
        if (!local.Has(package.Id, package.Version))
            lock (sourceOf) sourceOf[package] = versions.First(x => x.Version == package.Version).Source;
        return package;
    }

    private async Task<IReadOnlyList<PackageDependency>> DependenciesAsync(PackageIdentity package, CancellationToken ct)
    {
        lock (dependencies)
            if (dependencies.TryGetValue(package, out var known)) return known;
        SourceRepository? source;
        lock (sourceOf) sourceOf.TryGetValue(package, out source);
        if (source is not null && !local.Has(package.Id, package.Version))
        {
            await feeds.DownloadAsync(package, source, local.Root, ct);
            Interlocked.Increment(ref downloads);
        }
        var list = local.Dependencies(package, framework);
        lock (dependencies) dependencies[package] = list;
        return list;
    }
}
