using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sept.Notebooks.Analysis;

/// <summary>The cell's top-level declarations: the members of the script class (variables including
/// out var, deconstruction and pattern variables, methods, properties, types) and using aliases.</summary>
static class TopLevelDeclarations
{
    public static IReadOnlyList<CellDeclaration> Collect(SyntaxTree tree, INamedTypeSymbol? scriptClass)
    {
        var found = new List<CellDeclaration>();
        foreach (var member in scriptClass?.GetMembers() ?? [])
        {
            if (member.IsImplicitlyDeclared || !member.CanBeReferencedByName || KindOf(member) is not { } kind) continue;
            foreach (var location in member.Locations)
                if (location.IsInSource && location.SourceTree == tree)
                    found.Add(new CellDeclaration(member.Name, location.SourceSpan, kind));
        }
        foreach (var alias in ((CompilationUnitSyntax)tree.GetRoot()).Usings)
            if (alias.Alias is { } name)
                found.Add(new CellDeclaration(name.Name.Identifier.ValueText, name.Name.Identifier.Span, DeclarationKind.Alias));
        found.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        return found;
    }

    static DeclarationKind? KindOf(ISymbol member) => member switch
    {
        IFieldSymbol => DeclarationKind.Variable,
        IMethodSymbol { MethodKind: MethodKind.Ordinary } => DeclarationKind.Method,
        IPropertySymbol => DeclarationKind.Property,
        IEventSymbol => DeclarationKind.Event,
        INamedTypeSymbol => DeclarationKind.Type,
        _ => null,
    };
}
