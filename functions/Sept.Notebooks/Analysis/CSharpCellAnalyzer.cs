using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sept.Notebooks.Analysis;

/// <summary>Finds what a C# cell writes, reads and mutates by compiling it alone as a script:
/// writes are the script class's members, reads are the simple names the compiler cannot bind.
/// Scoping (lambdas, locals, patterns, LINQ range variables) is the compiler's, so shadowing comes out right.</summary>
public static class CSharpCellAnalyzer
{
    /// <summary>Loads the references and JITs the binder so the first real analysis is fast.</summary>
    public static void WarmUp() => Analyze("var warm = new List<int> { 1 }.Select(i => i + 1).ToList(); warm.Count");

    /// <param name="source">The cell's code.</param>
    /// <param name="withSemanticDiagnostics">False when only reads/writes are needed (the graph): skips type checking
    /// and reports syntax errors only.</param>
    /// <param name="packageAssemblies">The project's restored package assemblies, so their types bind (no false reads
    /// or diagnostics for <c>using Humanizer;</c>).</param>
    public static CSharpCellAnalysis Analyze(string source, bool withSemanticDiagnostics = true,
        IReadOnlyList<string>? packageAssemblies = null) =>
        BoundedStack.Run(() => AnalyzeOnLargeStack(source, withSemanticDiagnostics, packageAssemblies));

    /// <summary>The id of the problem a cell gets when it nests too deeply to analyse.</summary>
    public const string TooComplexId = "too-complex";

    static readonly string TooDeep =
        $"This cell nests more than {SyntaxDepth.Max} levels deep; Sept cannot analyse it, so it reads and writes nothing in the graph.";

    static CSharpCellAnalysis AnalyzeOnLargeStack(string source, bool withSemanticDiagnostics, IReadOnlyList<string>? packageAssemblies)
    {
        if (SyntaxDepth.TextTooDeep(source))
            return Unanalysable(Unparsed(source), TooDeep);
        // #r/#i lines are the kernel's (packages); the compiler sees spaces in their place.
        var directives = CellDirectives.Split(source);
        var tree = CSharpSyntaxTree.ParseText(directives.Code, ScriptReferences.ParseOptions);
        // CS8078: the parser itself ran out of stack and skipped the rest; the tree is not the cell any more.
        if (SyntaxDepth.Of(tree.GetRoot()) > SyntaxDepth.Max || tree.GetDiagnostics().Any(d => d.Id == "CS8078"))
            return Unanalysable(tree, TooDeep);
        try
        {
            return AnalyzeTree(tree, directives, withSemanticDiagnostics, packageAssemblies);
        }
        catch (InsufficientExecutionStackException)
        {
            return Unanalysable(tree, "This cell is too complex to analyse; it reads and writes nothing in the graph.");
        }
    }

    // Kept with its tree (the rewriter copies the text) but no declarations or references, so nothing walks it again.
    static CSharpCellAnalysis Unanalysable(SyntaxTree tree, string message) =>
        new(CellSymbols.Empty with { Diagnostics = [new CellDiagnostic(TooComplexId, message, 1, 1, IsError: true)] }, tree, [], [], []);

    // A tree that holds the text without parsing it (as disabled text), for rewriters that copy the source.
    static SyntaxTree Unparsed(string source) => CSharpSyntaxTree.Create(SyntaxFactory.CompilationUnit().WithEndOfFileToken(
        SyntaxFactory.Token(SyntaxFactory.TriviaList(SyntaxFactory.DisabledText(source)), SyntaxKind.EndOfFileToken, SyntaxFactory.TriviaList())),
        ScriptReferences.ParseOptions);

    static CSharpCellAnalysis AnalyzeTree(
        SyntaxTree tree, DirectiveSplit directives, bool withSemanticDiagnostics, IReadOnlyList<string>? packageAssemblies)
    {
        var compilation = ScriptReferences.Compile(tree, packageAssemblies);
        var model = compilation.GetSemanticModel(tree);
        var scriptClass = compilation.ScriptClass;

        var declarations = TopLevelDeclarations.Collect(tree, scriptClass);
        var own = new List<CellReference>();
        var free = new List<CellReference>();
        var reads = new HashSet<string>(StringComparer.Ordinal);
        var mutations = new HashSet<string>(StringComparer.Ordinal);
        var ambient = new List<CellReference>();
        var ambientReads = new HashSet<string>(StringComparer.Ordinal);

        void AddAmbient(SimpleNameSyntax name)
        {
            ambient.Add(new CellReference(name.Identifier.ValueText, name.Identifier.Span));
            ambientReads.Add(name.Identifier.ValueText);
        }

        foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
        {
            if (name.Identifier.IsMissing || !NamePositions.IsScopeLookup(name)) continue;
            var text = name.Identifier.ValueText;
            var info = model.GetSymbolInfo(name);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            if (symbol is not null)
            {
                if (IsOwnValue(symbol, scriptClass)) own.Add(new CellReference(text, name.Identifier.Span));
                else if (IsLibraryType(symbol) && !NamePositions.IsContextualKeyword(text))
                    AddAmbient(name);
                continue;
            }
            if (NamePositions.IsContextualKeyword(text) || IsDeclaredHere(text, declarations)) continue;
            if (ScriptReferences.ProvidedNames.Contains(text))
            {
                AddAmbient(name);
                continue;
            }

            free.Add(new CellReference(text, name.Identifier.Span));
            reads.Add(text);
            if (NamePositions.IsAttributeName(name) && !text.EndsWith("Attribute", StringComparison.Ordinal))
                reads.Add(text + "Attribute");
            if (MutationDetector.IsMutation(name)) mutations.Add(text);
        }

        var writes = declarations.Select(d => d.Name).ToHashSet(StringComparer.Ordinal);
        // Semantic diagnostics bind every body again (a few ms); syntax errors alone are nearly free.
        var diagnostics = directives.Errors
            .Concat(CellDiagnostics.From(withSemanticDiagnostics ? model.GetDiagnostics() : tree.GetDiagnostics(), free))
            .ToList();
        var symbols = new CellSymbols(writes, reads, mutations, diagnostics)
        {
            TypeWrites = declarations.Where(d => !d.IsRenamed).Select(d => d.Name).ToHashSet(StringComparer.Ordinal),
            AmbientReads = ambientReads,
            Directives = directives.Directives,
            PackageUses = PackageUses.Collect(tree, model, packageAssemblies),
        };
        return new CSharpCellAnalysis(symbols, tree, declarations, own, free) { AmbientReferences = ambient };
    }

    // A member of the script class itself; a local function's ContainingType is the script class too, so compare
    // the containing symbol.
    static bool IsOwnValue(ISymbol symbol, INamedTypeSymbol? scriptClass) =>
        scriptClass is not null
        && symbol.Kind is SymbolKind.Field or SymbolKind.Method or SymbolKind.Property or SymbolKind.Event
        && SymbolEqualityComparer.Default.Equals(symbol.OriginalDefinition.ContainingSymbol, scriptClass);

    // Math, Range, Task...: a type from the references. In the kernel a notebook definition of the same name wins.
    static bool IsLibraryType(ISymbol symbol) =>
        symbol is INamedTypeSymbol && symbol.Locations.All(location => location.IsInMetadata);

    // A name the cell declares but could not bind (for example inside broken code) is not a read.
    static bool IsDeclaredHere(string name, IReadOnlyList<CellDeclaration> declarations) =>
        declarations.Any(d => d.Name == name);
}
