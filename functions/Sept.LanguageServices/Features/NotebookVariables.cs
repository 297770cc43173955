using Microsoft.CodeAnalysis;
using Sept.LanguageServices.Workspace;

namespace Sept.LanguageServices.Features;

/// <summary>A top-level name a cell declares, with its C# type as the compiler sees it.</summary>
public sealed record NotebookVariable(string CellId, string Name, string Kind, string Type);

/// <summary>The notebook's names and types from the bound workspace, without running anything: each submission's
/// script class members (variables, methods, types), in cell order.</summary>
public static class NotebookVariables
{
    public static async Task<IReadOnlyList<NotebookVariable>> ListAsync(NotebookSnapshot snapshot, CancellationToken cancellationToken)
    {
        var list = new List<NotebookVariable>();
        foreach (var cell in snapshot.Cells)
        {
            if (snapshot.DocumentOf(cell) is not { } document
                || await document.Project.GetCompilationAsync(cancellationToken) is not { ScriptClass: { } script }) continue;
            foreach (var member in script.GetMembers().Where(m => !m.IsImplicitlyDeclared && m.CanBeReferencedByName))
            {
                var (kind, type) = member switch
                {
                    IFieldSymbol f => ("variable", f.Type.ToDisplayString()),
                    IPropertySymbol p => ("variable", p.Type.ToDisplayString()),
                    IMethodSymbol m => ("method", m.ToDisplayString()),
                    INamedTypeSymbol t => ("type", t.TypeKind.ToString().ToLowerInvariant()),
                    _ => ("", ""),
                };
                if (kind.Length > 0) list.Add(new NotebookVariable(cell.ToString(), member.Name, kind, type));
            }
        }
        return list;
    }
}
