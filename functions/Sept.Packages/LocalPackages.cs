using NuGet.Frameworks;
using NuGet.Packaging;
using NuGet.Packaging.Core;
using NuGet.Versioning;

namespace Sept.Packages;

/// <summary>The global packages folder (NuGet's v3 layout, shared with dotnet restore): a package extracted there is
/// used without asking a feed.</summary>
internal sealed class LocalPackages(string root)
{
    private readonly VersionFolderPathResolver layout = new(root);

    public string Root => root;

    /// <summary>NuGet writes .nupkg.metadata last, so its presence means a complete extraction.</summary>
    public bool Has(string id, NuGetVersion version) => File.Exists(layout.GetNupkgMetadataPath(id, version));

    public string Directory(PackageIdentity package) => layout.GetInstallPath(package.Id, package.Version);

    public IReadOnlyList<PackageDependency> Dependencies(PackageIdentity package, NuGetFramework framework)
    {
        using var reader = new PackageFolderReader(Directory(package));
        var nearest = NuGetFrameworkUtility.GetNearest(reader.GetPackageDependencies(), framework, g => g.TargetFramework);
        return nearest?.Packages.ToList() ?? [];
    }
}
