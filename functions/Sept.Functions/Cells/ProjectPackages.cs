using System.Collections.Concurrent;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Analysis;
using Sept.Packages;

namespace Sept.Functions.Cells;

/// <summary>The restored assemblies of a notebook's package set (the union of its cells' directives), for the analyzer.
/// Read from the resolutions kernels store (docs/kernel.md, packages) and never restored here: until a kernel has run
/// the directive, the analysis has no package types, as before.</summary>
/// <param name="options">Where kernels keep packages and resolutions: unset, the machine's global packages folder
/// (NUGET_PACKAGES or the NuGet configuration), the kernels' default too.</param>
public sealed class ProjectPackages(PackageRestoreOptions? options = null)
{
    private readonly PackageRestorer restorer = new(options ?? new PackageRestoreOptions { Offline = true });
    private readonly ConcurrentDictionary<PackageRequest, IReadOnlyList<string>> found = new(new RequestComparer());

    public IReadOnlyList<string>? Assemblies(IEnumerable<CellSymbols> cells)
    {
        var union = CellDirectives.Union(cells.Select(c => c.Directives));
        if (!union.Any(d => d.Kind == DirectiveKind.Package)) return null;
        var request = new PackageRequest(
            union.Where(d => d.Kind == DirectiveKind.Package).Select(d => new PackageRequirement(d.Value, d.Version)).ToList(),
            union.Where(d => d.Kind == DirectiveKind.Feed).Select(d => d.Value).ToList());
        if (found.TryGetValue(request, out var known)) return known;
        var assemblies = restorer.TryCached(request)?.Assemblies;
        if (assemblies is not null) found[request] = assemblies;
        return assemblies;
    }

    private sealed class RequestComparer : IEqualityComparer<PackageRequest>
    {
        public bool Equals(PackageRequest? x, PackageRequest? y) =>
            x is not null && y is not null && x.Packages.SequenceEqual(y.Packages) && x.Feeds.SequenceEqual(y.Feeds);

        public int GetHashCode(PackageRequest request) => request.Packages.Count == 0 ? 0 : request.Packages[0].GetHashCode();
    }
}
