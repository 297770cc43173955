using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Sept.Notebooks.Analysis;

/// <summary>The references and usings a cell is analysed against: the kernel's defaults.
/// Built once per process, because binding metadata is the expensive part of a compilation.</summary>
public static class ScriptReferences
{
    /// <summary>Assemblies (by simple name) the kernel references by default.</summary>
    public static IReadOnlyList<string> AssemblyNames { get; } =
    [
        "System.Private.CoreLib", "System.Runtime", "netstandard", "System.Collections",
        "System.Collections.Concurrent", "System.Linq", "System.Linq.Expressions", "System.Console",
        "System.Text.Json", "System.Text.RegularExpressions", "System.Memory", "System.Threading",
        "System.Threading.Tasks", "System.Runtime.Numerics", "System.ObjectModel", "System.Net.Http",
        "System.Private.Uri", "System.ComponentModel.Primitives", "Microsoft.CSharp",
    ];

    /// <summary>Namespaces every cell sees without a using directive.</summary>
    public static IReadOnlyList<string> DefaultUsings { get; } =
    [
        "System", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks", "System.Text",
    ];

    static readonly Lazy<ImmutableArray<MetadataReference>> references = new(Load);

    static readonly Lazy<CSharpCompilationOptions> options = new(() =>
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: DefaultUsings,
            nullableContextOptions: NullableContextOptions.Disable));

    public static CSharpParseOptions ParseOptions { get; } =
        new(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script);

    public static ImmutableArray<MetadataReference> References => references.Value;

    public static CSharpCompilationOptions CompilationOptions => options.Value;

    // Reading the platform's own assemblies is the one file access of the domain: without metadata there is no binding.
    static ImmutableArray<MetadataReference> Load()
    {
        var wanted = AssemblyNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var found = platform
            .Where(path => wanted.Contains(Path.GetFileNameWithoutExtension(path)))
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
        return found.IsEmpty
            ? [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)]
            : found;
    }
}
