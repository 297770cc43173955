using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sept.Notebooks.Analysis;

/// <summary>Which restored packages a cell uses: every name (a using's namespace, a type, an extension method) whose
/// symbol comes from one of the package assemblies it was compiled with. The package is read off the assembly's path
/// in the NuGet packages folder layout (<c>&lt;id&gt;/&lt;version&gt;/lib/&lt;tfm&gt;/x.dll</c> or
/// <c>&lt;id&gt;/&lt;version&gt;/runtimes/&lt;rid&gt;/lib/&lt;tfm&gt;/x.dll</c>, id in lower case), which both the
/// global packages folder and a kernel's packages directory use (functions/Sept.Packages/PackageRestorer.cs).</summary>
public static class PackageUses
{
    public static IReadOnlySet<string> Collect(SyntaxTree tree, SemanticModel model, IReadOnlyList<string>? packageAssemblies)
    {
        var uses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (packageAssemblies is not { Count: > 0 }) return uses;
        var byPath = packageAssemblies.ToDictionary(p => Path.GetFullPath(p), PackageIdOf, StringComparer.Ordinal);
        var compilation = model.Compilation;
        var seen = new HashSet<IAssemblySymbol>(SymbolEqualityComparer.Default);
        foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
        {
            var info = model.GetSymbolInfo(name);
            if ((info.Symbol ?? info.CandidateSymbols.FirstOrDefault()) is not { } symbol) continue;
            // A namespace counts only as the whole name of a using (the package's `Humanizer`, not the `Microsoft`
            // every Microsoft.* package shares).
            if (symbol is INamespaceSymbol && !IsUsingName(name)) continue;
            var assemblies = symbol is INamespaceSymbol ns
                ? ns.ConstituentNamespaces.Select(n => n.ContainingAssembly)
                : [(symbol.OriginalDefinition as IMethodSymbol)?.ReducedFrom?.ContainingAssembly ?? symbol.ContainingAssembly];
            foreach (var assembly in assemblies)
            {
                if (assembly is null || !seen.Add(assembly)) continue;
                if (compilation.GetMetadataReference(assembly) is PortableExecutableReference { FilePath: { } path }
                    && byPath.TryGetValue(Path.GetFullPath(path), out var id) && id is not null)
                    uses.Add(id);
            }
        }
        return uses;
    }

    static bool IsUsingName(SimpleNameSyntax name) =>
        name.Parent is UsingDirectiveSyntax
        || name.Parent is QualifiedNameSyntax qualified && qualified.Right == name && qualified.Parent is UsingDirectiveSyntax;

    /// <summary>The package folder an asset lies in, or null when the path is not in the packages folder layout.</summary>
    public static string? PackageIdOf(string assemblyPath)
    {
        var parts = Path.GetFullPath(assemblyPath).Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        var lib = Array.LastIndexOf(parts, "lib");
        if (lib < 0) return null;
        if (lib >= 2 && parts[lib - 2] == "runtimes") lib -= 2;
        return lib >= 2 ? parts[lib - 2] : null;
    }
}
