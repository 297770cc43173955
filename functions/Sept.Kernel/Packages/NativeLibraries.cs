using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace Sept.Kernel.Packages;

/// <summary>Finds packages' native libraries (runtimes/linux-x64/native/libduckdb.so) for DllImport and
/// NativeLibrary.Load. The SDK would list them in the app's deps.json; package assemblies load into Roslyn's load
/// contexts instead, so every load context gets a resolver that asks the restored native assets.</summary>
internal static class NativeLibraries
{
    private static readonly ConcurrentDictionary<string, string> byName = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<AssemblyLoadContext, object> hooked = [];
    private static int installed;

    public static void Register(IEnumerable<string> paths)
    {
        if (Interlocked.Exchange(ref installed, 1) == 0)
        {
            AppDomain.CurrentDomain.AssemblyLoad += (_, e) => Hook(AssemblyLoadContext.GetLoadContext(e.LoadedAssembly));
            foreach (var context in AssemblyLoadContext.All) Hook(context);
        }
        foreach (var path in paths) byName.TryAdd(NameOf(path), path);
    }

    private static void Hook(AssemblyLoadContext? context)
    {
        if (context is null || !hooked.TryAdd(context, context)) return;
        context.ResolvingUnmanagedDll += Resolve;
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
