using System.Security.Cryptography;
using System.Text;

namespace Sept.Kernel.Protocol;

/// <summary>One <c>#r "nuget: Id[, Version]"</c>: no version means the newest stable; a version is exact; a range
/// (<c>[1.0,2.0)</c>) takes its lowest version and a float (<c>3.*</c>, <c>*-*</c>) its highest.</summary>
public sealed record PackageRequirement(string Id, string? Version)
{
    public override string ToString() => Version is null ? Id : $"{Id} {Version}";
}

/// <summary>A notebook's package set: the union of its cells' directives, and the extra feeds of <c>#i</c>.</summary>
public sealed record PackageRequest(IReadOnlyList<PackageRequirement> Packages, IReadOnlyList<string> Feeds)
{
    /// <summary>Identifies the set independently of directive order and id case; the resolution cache's key.</summary>
    public string Key(string framework, string runtime)
    {
        var text = new StringBuilder().Append(framework).Append('|').Append(runtime);
        foreach (var p in Packages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase))
            text.Append('|').Append(p.Id.ToLowerInvariant()).Append('@').Append(p.Version?.Replace(" ", "", StringComparison.Ordinal));
        foreach (var feed in Feeds.Order(StringComparer.Ordinal)) text.Append("|feed:").Append(feed);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    public override string ToString() => string.Join(", ", Packages);
}

/// <summary>A restored package set: exact versions, and the files the kernel loads (absolute paths in the packages
/// directory).</summary>
public sealed record PackageResolution(
    IReadOnlyList<ResolvedPackage> Packages,
    IReadOnlyList<string> Assemblies,
    IReadOnlyList<string> NativeLibraries);

public sealed record ResolvedPackage(string Id, string Version);

/// <summary>A package set that cannot be restored; the message names the package and is shown as the cell's error.</summary>
public sealed class PackageRestoreException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class PackageRestoreOptions
{
    /// <summary>Where packages are extracted. Unset: the global packages folder of the machine's NuGet configuration
    /// (shared with dotnet restore). A sandboxed kernel gets an explicit, mounted directory.</summary>
    public string? PackagesDirectory { get; set; }

    /// <summary>Where resolved sets are kept. Unset: <c>.sept-resolutions</c> in the packages directory.</summary>
    public string? ResolutionsDirectory { get; set; }

    /// <summary>Only sets resolved before (by this or another process) load; nothing asks a feed.</summary>
    public bool Offline { get; set; }

    /// <summary>A whole restore's limit, so an unreachable feed is an error and never a hang.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(120);

    public string TargetFramework { get; set; } = "net10.0";

    /// <summary>Native assets' runtime; unset: the running process's (linux-x64 on the servers).</summary>
    public string? RuntimeIdentifier { get; set; }

    /// <summary>A Unix socket where the app restores for this kernel (Sept.Kernel.Hosting/PackageRestoreChannel.cs):
    /// a sandboxed kernel has no network and no NuGet configuration of its own. Unset: the kernel restores itself.</summary>
    public string? RestoreSocket { get; set; }
}

/// <summary>One line of the restore channel's answer: progress text, then the resolution or the error.</summary>
public sealed record PackageRestoreReply(string? Progress, PackageResolution? Resolution, string? Error);
