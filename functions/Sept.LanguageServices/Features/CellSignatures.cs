using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Sept.LanguageServices.Workspace;
using Sept.Notebooks.Cells;

namespace Sept.LanguageServices.Features;

/// <summary>Signature help inside a call or <c>new T(...)</c>: the overloads, which one the arguments so far pick
/// and which parameter the caret is on. (Roslyn's own signature help providers are not public API.)</summary>
public static class CellSignatures
{
    static readonly SymbolDisplayFormat typeFormat = SymbolDisplayFormat.MinimallyQualifiedFormat;

    public static async Task<SignatureResult?> GetAsync(NotebookSnapshot snapshot, CellId cell, int position, CancellationToken cancellationToken)
    {
        if (snapshot.DocumentOf(cell) is not { } document) return null;
        var root = await document.GetSyntaxRootAsync(cancellationToken);
        var model = await document.GetSemanticModelAsync(cancellationToken);
        if (root is null || model is null || Enclosing(root, position) is not { } arguments) return null;

        var (methods, chosen) = Candidates(model, arguments.Parent!, cancellationToken);
        var accessible = methods.Where(m => model.IsAccessible(position, m)).ToList();
        if (accessible.Count == 0) return null;
        var active = arguments.Arguments.GetSeparators().Count(s => s.SpanStart < position);
        var best = chosen is not null ? accessible.FindIndex(m => SymbolEqualityComparer.Default.Equals(m, chosen)) : -1;
        if (best < 0) best = Math.Max(0, accessible.FindIndex(m => m.Parameters.Length > active || m.Parameters.LastOrDefault()?.IsParams == true));
        return new SignatureResult([.. accessible.Select(Describe)], best, active);
    }

    // The innermost argument list whose parentheses hold the position.
    static ArgumentListSyntax? Enclosing(SyntaxNode root, int position)
    {
        var token = root.FindToken(Math.Max(0, position - 1));
        return token.Parent?.AncestorsAndSelf().OfType<ArgumentListSyntax>().FirstOrDefault(list =>
            position > list.OpenParenToken.SpanStart
            && (list.CloseParenToken.IsMissing || position <= list.CloseParenToken.SpanStart)
            && list.Parent is InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax);
    }

    static (IReadOnlyList<IMethodSymbol> Methods, IMethodSymbol? Chosen) Candidates(SemanticModel model, SyntaxNode call, CancellationToken cancellationToken)
    {
        var chosen = model.GetSymbolInfo(call, cancellationToken).Symbol as IMethodSymbol;
        switch (call)
        {
            case InvocationExpressionSyntax invocation:
                return ([.. model.GetMemberGroup(invocation.Expression, cancellationToken).OfType<IMethodSymbol>()], chosen);
            case BaseObjectCreationExpressionSyntax creation when model.GetTypeInfo(creation, cancellationToken).Type is INamedTypeSymbol type:
                return ([.. type.InstanceConstructors], chosen);
            default:
                return ([], null);
        }
    }

    static SignatureEntry Describe(IMethodSymbol method)
    {
        var prefix = method.MethodKind == MethodKind.Constructor
            ? $"new {method.ContainingType.ToDisplayString(typeFormat)}("
            : $"{method.ReturnType.ToDisplayString(typeFormat)} {MethodName(method)}(";
        var parameters = method.Parameters.Select(p =>
            new SignatureParameter(p.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat), DocSummary.ParameterOf(method, p.Name))).ToList();
        return new SignatureEntry(prefix, parameters, ")", DocSummary.Of(method));
    }

    static string MethodName(IMethodSymbol method)
    {
        var name = method.Name;
        if (method.TypeArguments.Length > 0) name += "<" + string.Join(", ", method.TypeArguments.Select(t => t.ToDisplayString(typeFormat))) + ">";
        return method.ContainingType is { IsScriptClass: false } type ? $"{type.ToDisplayString(typeFormat)}.{name}" : name;
    }
}
