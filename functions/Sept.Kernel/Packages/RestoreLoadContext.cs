using System.Reflection;
using System.Runtime.Loader;
using Sept.Kernel.Protocol;

namespace Sept.Kernel.Packages;

/// <summary>Loads the restore code (Sept.Packages with NuGet.* and Newtonsoft.Json, copied to the kernel's restore/
/// folder) into a load context of its own. Roslyn lets the default context answer a cell's references first, so
/// whatever the kernel has there wins over the user's version; keeping NuGet's dependencies out of it lets a cell's
/// <c>#r "nuget: Newtonsoft.Json, 12.0.3"</c> load 12.0.3. Only Sept.Kernel.Protocol and the BCL are shared.</summary>
internal sealed class RestoreLoadContext(string directory) : AssemblyLoadContext("Sept.Packages")
{
    private static readonly string Shared = typeof(PackageRequest).Assembly.GetName().Name!;

    public static Func<PackageRequest, Action<string>?, CancellationToken, Task<PackageResolution>> CreateRestorer(PackageRestoreOptions options)
    {
        var directory = Path.Combine(Path.GetDirectoryName(typeof(RestoreLoadContext).Assembly.Location)!, "restore");
        var assembly = new RestoreLoadContext(directory).LoadFromAssemblyPath(Path.Combine(directory, "Sept.Packages.dll"));
        var create = assembly.GetType("Sept.Packages.PackageRestorer", throwOnError: true)!.GetMethod("Create")!;
        return (Func<PackageRequest, Action<string>?, CancellationToken, Task<PackageResolution>>)create.Invoke(null, [options])!;
    }

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name == Shared) return null;
        var path = Path.Combine(directory, name.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
