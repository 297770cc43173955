using System.Runtime.InteropServices;

namespace Sept.Packages;

/// <summary>Assemblies of the shared frameworks the process runs on (Microsoft.NETCore.App, Microsoft.AspNetCore.App).
/// A package dependency on one of them (System.Text.Json, Microsoft.Extensions.*) is pruned and a package's copy of
/// one is not loaded: the framework's version is at least as new, as the SDK's conflict resolution decides too.</summary>
internal static class PlatformAssemblies
{
    private static readonly string[] PlatformPackages = ["NETStandard.Library", "Microsoft.NETCore.Platforms", "Microsoft.NETCore.Targets"];

    private static readonly Lazy<HashSet<string>> names = new(Load);

    public static bool Provides(string assemblyOrPackageName) =>
        names.Value.Contains(assemblyOrPackageName) || PlatformPackages.Contains(assemblyOrPackageName, StringComparer.OrdinalIgnoreCase);

    private static HashSet<string> Load()
    {
        // .../shared/Microsoft.NETCore.App/10.0.x/ → .../shared/
        var shared = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", ".."));
        var trusted = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return trusted.Where(p => p.StartsWith(shared, StringComparison.Ordinal))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
    }
}
