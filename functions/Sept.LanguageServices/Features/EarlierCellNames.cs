using Microsoft.CodeAnalysis;
using Sept.LanguageServices.Workspace;

namespace Sept.LanguageServices.Features;

/// <summary>The names earlier cells declare, as this cell sees them: walking the submission chain upwards,
/// the nearest declaration of a name wins (the kernel's binding rule).</summary>
static class EarlierCellNames
{
    /// <summary>Looks only at the given names (cheap: member names need no binding; only the matches are bound).</summary>
    public static Dictionary<string, ISymbol> Find(Compilation compilation, IReadOnlySet<string> names)
    {
        var found = new Dictionary<string, ISymbol>(StringComparer.Ordinal);
        for (var previous = compilation.ScriptCompilationInfo?.PreviousScriptCompilation; previous is not null && found.Count < names.Count;
             previous = previous.ScriptCompilationInfo?.PreviousScriptCompilation)
        {
            if (previous.ScriptClass is not { } script) continue;
            foreach (var name in script.MemberNames)
            {
                if (!names.Contains(name) || found.ContainsKey(name)) continue;
                if (script.GetMembers(name).FirstOrDefault(m => !m.IsImplicitlyDeclared) is { } member) found[name] = member;
            }
        }
        return found;
    }

    public static DefiningCell? CellOf(ISymbol symbol, NotebookSnapshot snapshot) =>
        NotebookSnapshot.CellOf(symbol) is { } cell ? new DefiningCell(cell.ToString(), snapshot.NumberOf(cell)) : null;

    /// <summary>"int", "List&lt;string&gt;", "string Greet(string name)", "class Person".</summary>
    public static string Describe(ISymbol symbol) => symbol switch
    {
        IMethodSymbol method => $"{method.ReturnType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat)} {method.Name}("
            + string.Join(", ", method.Parameters.Select(p => p.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))) + ")",
        IFieldSymbol field => field.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
        IPropertySymbol property => property.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
        ILocalSymbol local => local.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
        _ => symbol.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat),
    };
}
