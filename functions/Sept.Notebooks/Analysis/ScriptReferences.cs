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
        "System.Private.Uri", "System.ComponentModel.Primitives", "Microsoft.CSharp", "System.Collections.Immutable",
        "System.Data.Common", "System.ComponentModel", "System.Net.Primitives", "System.Runtime.InteropServices",
    ];

    /// <summary>Namespaces every cell sees without a using directive (the kernel's imports, Sept.Kernel's
    /// KernelScriptOptions, minus its own helper namespace, which ProvidedNames stands for).</summary>
    public static IReadOnlyList<string> DefaultUsings { get; } =
    [
        "System", "System.Linq", "System.Collections.Generic", "System.Text", "System.Text.Json", "System.Threading",
        "System.Threading.Tasks", "System.IO", "System.Globalization", "System.Net.Http", "System.Text.RegularExpressions",
    ];

    /// <summary>Names the kernel gives every cell from its own helper assembly (Sept.Kernel.Notebook: the static
    /// NotebookFunctions and the helper types), which the domain cannot reference. A cell's unbound use of one is an
    /// ambient read (like a library type), not a read of another cell. Keep in sync with the kernel.</summary>
    public static IReadOnlySet<string> ProvidedNames { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "display", "Display", "Markdown", "Html", "Cancellation", "Sleep", "Delay", "CheckInterrupt",
        "Chart", "VegaLiteChart", "MarkdownContent", "HtmlContent", "RichContent", "SqlResult",
    };

    static readonly Lazy<ImmutableArray<MetadataReference>> references = new(Load);

    static readonly Lazy<CSharpCompilationOptions> options = new(() =>
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: DefaultUsings,
            nullableContextOptions: NullableContextOptions.Disable));

    // An empty script compilation whose reference manager (the bound assembly symbols) every cell's compilation
    // shares through AddSyntaxTrees: a fresh CreateScriptCompilation would bind all references again (~35% slower).
    static readonly Lazy<CSharpCompilation> empty = new(() =>
        CSharpCompilation.CreateScriptCompilation("Cell", syntaxTree: null, References, CompilationOptions));

    /// <summary>A script compilation of one cell against the default references and usings.</summary>
    public static CSharpCompilation Compile(SyntaxTree cell) => empty.Value.AddSyntaxTrees(cell);

    // One empty compilation per package set (a project's set rarely changes), so cells share its bound symbols too.
    static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<CSharpCompilation>> withPackages = new();

    /// <summary>The same, plus the project's restored package assemblies (the kernel's resolved asset list).</summary>
    public static CSharpCompilation Compile(SyntaxTree cell, IReadOnlyList<string>? packageAssemblies)
    {
        if (packageAssemblies is not { Count: > 0 }) return Compile(cell);
        var key = string.Join('\n', packageAssemblies.Order(StringComparer.Ordinal));
        if (withPackages.Count > 16) withPackages.Clear();
        var compilation = withPackages.GetOrAdd(key, _ => new Lazy<CSharpCompilation>(() =>
            empty.Value.AddReferences(packageAssemblies.Where(File.Exists).Select(p => MetadataReference.CreateFromFile(p)))));
        return compilation.Value.AddSyntaxTrees(cell);
    }

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
