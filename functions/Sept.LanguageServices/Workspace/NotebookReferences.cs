using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Sept.Notebooks.Analysis;

namespace Sept.LanguageServices.Workspace;

/// <summary>What every cell document compiles against: the kernel's default references and usings
/// (<see cref="ScriptReferences"/>) with the BCL's XML docs for hover, plus the kernel's helper assembly
/// (Display, Chart, SqlResult...) when it is found next to the app, imported the way the kernel imports it.</summary>
public sealed class NotebookReferences
{
    const string HelperNamespace = "Sept.Kernel.Notebook";

    /// <summary>The kernel's first submission (Sept.Kernel's KernelScriptOptions.Preamble): later cells see its usings.</summary>
    public const string HelperPreamble = "using static Sept.Kernel.Notebook.NotebookFunctions;";

    static readonly Lazy<ImmutableArray<MetadataReference>> documented = new(WithDocumentation);

    NotebookReferences(ImmutableArray<MetadataReference> references, CSharpCompilationOptions options, string? preamble)
    {
        References = references;
        CompilationOptions = options;
        Preamble = preamble;
    }

    public ImmutableArray<MetadataReference> References { get; }

    /// <summary>No metadata or source resolver: <c>#r</c>/<c>#load</c> in a cell can never make the server read a file.</summary>
    public CSharpCompilationOptions CompilationOptions { get; }

    /// <summary>Parsed with doc comments, so hover shows a notebook method's own <c>///</c> summary.</summary>
    public CSharpParseOptions ParseOptions { get; } = ScriptReferences.ParseOptions.WithDocumentationMode(DocumentationMode.Parse);

    /// <summary>The text of the submission before the first cell, or null without the helper assembly.</summary>
    public string? Preamble { get; }

    /// <param name="helperAssemblyPath">Sept.Kernel.dll; null or missing: cells are checked without the helpers,
    /// whose names are then not reported as errors (<see cref="ScriptReferences.ProvidedNames"/>).</param>
    public static NotebookReferences Create(string? helperAssemblyPath)
    {
        var options = ScriptReferences.CompilationOptions;
        if (helperAssemblyPath is null || !File.Exists(helperAssemblyPath))
            return new NotebookReferences(documented.Value, options, preamble: null);
        var helper = MetadataReference.CreateFromFile(helperAssemblyPath);
        return new NotebookReferences(documented.Value.Add(helper),
            options.WithUsings(options.Usings.Add(HelperNamespace)), HelperPreamble);
    }

    public bool HasHelpers => Preamble is not null;

    // The reference pack beside the runtime has the XML docs of the same APIs (System.Private.CoreLib's types are
    // documented in System.Runtime.xml). A runtime-only install has none: hover then shows signatures only.
    static ImmutableArray<MetadataReference> WithDocumentation()
    {
        var docs = ReferencePackFolder();
        return [.. ScriptReferences.References.Select(reference =>
        {
            if (docs is null || reference is not PortableExecutableReference { FilePath: { } path }) return reference;
            var name = Path.GetFileNameWithoutExtension(path);
            var xml = Path.Combine(docs, (name == "System.Private.CoreLib" ? "System.Runtime" : name) + ".xml");
            return File.Exists(xml)
                ? MetadataReference.CreateFromFile(path, documentation: XmlDocumentationProvider.CreateFromFile(xml))
                : reference;
        })];
    }

    static string? ReferencePackFolder()
    {
        // <dotnet>/shared/Microsoft.NETCore.App/<version>/System.Private.CoreLib.dll -> <dotnet>/packs/Microsoft.NETCore.App.Ref
        var runtime = Path.GetDirectoryName(typeof(object).Assembly.Location);
        if (runtime is null || Directory.GetParent(runtime)?.Parent?.Parent is not { } root) return null;
        var packs = Path.Combine(root.FullName, "packs", "Microsoft.NETCore.App.Ref");
        if (!Directory.Exists(packs)) return null;
        var major = $"net{Environment.Version.Major}.0";
        return Directory.GetDirectories(packs)
            .Select(version => Path.Combine(version, "ref", major))
            .Where(Directory.Exists)
            .OrderByDescending(path => path, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}
