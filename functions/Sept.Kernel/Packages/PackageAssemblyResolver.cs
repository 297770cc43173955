using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Sept.Kernel.Packages;

/// <summary>What the SDK's deps.json would do for restored packages, whose assemblies load into Roslyn's load contexts:
/// finds their native libraries (runtimes/linux-x64/native/libe_sqlite3.so) for DllImport and NativeLibrary.Load, and
/// their assemblies when a package loads one by name at run time (Microsoft.Data.Sqlite loads
/// SQLitePCLRaw.batteries_v2 by reflection), which Roslyn only answers for assemblies a submission references.
/// Every load context gets both resolvers; they run after the context's own rules.</summary>
internal static class PackageAssemblyResolver
{
    private static readonly ConcurrentDictionary<string, string> byName = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> assemblies = new(StringComparer.OrdinalIgnoreCase);
    private static readonly ConditionalWeakTable<AssemblyLoadContext, object> hooked = [];
    private static int installed;

    public static void Register(IEnumerable<string> assemblyPaths, IEnumerable<string> nativePaths)
    {
        if (Interlocked.Exchange(ref installed, 1) == 0)
        {
            AppDomain.CurrentDomain.AssemblyLoad += (_, e) => Hook(AssemblyLoadContext.GetLoadContext(e.LoadedAssembly));
            foreach (var context in AssemblyLoadContext.All) Hook(context);
        }
        foreach (var path in nativePaths) byName.TryAdd(NameOf(path), path);
        foreach (var path in assemblyPaths) assemblies.TryAdd(Path.GetFileNameWithoutExtension(path), path);
    }

    private static void Hook(AssemblyLoadContext? context)
    {
        if (context is null || !hooked.TryAdd(context, context)) return;
        context.ResolvingUnmanagedDll += Resolve;
        context.Resolving += ResolveManaged;
    }

    // One copy per assembly: the one Roslyn (or an earlier call) loaded from the same file, else load it here.
    private static Assembly? ResolveManaged(AssemblyLoadContext context, AssemblyName name)
    {
        if (name.Name is null || !assemblies.TryGetValue(name.Name, out var path)) return null;
        return AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => !a.IsDynamic && a.Location == path)
            ?? context.LoadFromAssemblyPath(path);
    }

    private static IntPtr Resolve(Assembly assembly, string name) =>
        byName.TryGetValue(NameOf(name), out var path) && NativeLibrary.TryLoad(path, out var handle) ? handle : IntPtr.Zero;

    /// <summary>"e_sqlite3", "libe_sqlite3.so" and ".../libe_sqlite3.so.1" all name the same library.</summary>
    internal static string NameOf(string pathOrName)
    {
        var name = Path.GetFileName(pathOrName);
        foreach (var extension in new[] { ".so", ".dylib", ".dll" })
        {
            var at = name.IndexOf(extension, StringComparison.OrdinalIgnoreCase);
            if (at > 0 && (at + extension.Length == name.Length || name[at + extension.Length] == '.')) name = name[..at];
        }
        return name.StartsWith("lib", StringComparison.Ordinal) && name.Length > 3 ? name[3..] : name;
    }
}
