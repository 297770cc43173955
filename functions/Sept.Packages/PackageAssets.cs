using NuGet.Client;
using NuGet.ContentModel;
using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.RuntimeModel;

namespace Sept.Packages;

/// <summary>Picks a package's runtime assemblies and native libraries for a framework and runtime with NuGet's own
/// conventions (lib/, runtimes/{rid}/lib/, runtimes/{rid}/native/), as the SDK's assets file would.</summary>
internal sealed class PackageAssets(NuGetFramework framework, string runtime)
{
    private readonly ManagedCodeConventions conventions = new(RuntimeGraphFor(runtime));

    public (IReadOnlyList<string> Assemblies, IReadOnlyList<string> Native) Select(string packageDirectory)
    {
        using var reader = new PackageFolderReader(packageDirectory);
        var items = new ContentItemCollection();
        items.Load(reader.GetFiles());
        var criteria = conventions.Criteria.ForFrameworkAndRuntime(framework, runtime);
        var assemblies = Files(items.FindBestItemGroup(criteria, conventions.Patterns.RuntimeAssemblies), packageDirectory)
            .Where(p => p.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)
                && !PlatformAssemblies.Provides(Path.GetFileNameWithoutExtension(p)))
            .ToList();
        var native = Files(items.FindBestItemGroup(criteria, conventions.Patterns.NativeLibraries), packageDirectory).ToList();
        return (assemblies, native);
    }

    private static IEnumerable<string> Files(ContentItemGroup? group, string directory) =>
        group is null ? [] : group.Items
            .Select(i => i.Path)
            .Where(p => !p.EndsWith("/_._", StringComparison.Ordinal))
            .Select(p => Path.GetFullPath(Path.Combine(directory, p)));

    /// <summary>linux-x64 → linux, unix-x64 → unix → any: the part of the SDK's runtime graph a portable RID needs.</summary>
    private static RuntimeGraph RuntimeGraphFor(string rid)
    {
        var dash = rid.LastIndexOf('-');
        if (dash < 0) return new RuntimeGraph([new RuntimeDescription(rid, ["any"]), new RuntimeDescription("any")]);
        var (os, arch) = (rid[..dash], rid[(dash + 1)..]);
        var family = os is "win" ? "win" : "unix";
        if (os == family) return new RuntimeGraph([new(rid, [family]), new(family, ["any"]), new RuntimeDescription("any")]);
        var descriptions = new List<RuntimeDescription>
        {
            new(rid, [os, $"{family}-{arch}"]),
            new(os, [family]),
            new($"{family}-{arch}", [family]),
            new(family, ["any"]),
            new("any"),
        };
        return new RuntimeGraph(descriptions);
    }
}
