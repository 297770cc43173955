using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sept.Notebooks.Analysis;

/// <summary>Syntactic facts about where a simple name stands. Only a name looked up in scope can be a
/// notebook name; member names (x.Length), named arguments and initializer members never are.</summary>
static class NamePositions
{
    /// <summary>Words the compiler may leave unbound when something else fails; never notebook names.</summary>
    static readonly HashSet<string> contextualKeywords = new(StringComparer.Ordinal)
    {
        "var", "nameof", "dynamic", "_", "global", "unmanaged", "notnull", "nint", "nuint",
    };

    public static bool IsContextualKeyword(string name) => contextualKeywords.Contains(name);

    /// <summary>True when the name is resolved by scope lookup (not as a member of something else).</summary>
    public static bool IsScopeLookup(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Expression == name && !InExpressionColon(access),
        QualifiedNameSyntax qualified => qualified.Left == name,
        AliasQualifiedNameSyntax => false,
        MemberBindingExpressionSyntax => false,
        NameColonSyntax or NameEqualsSyntax or ExpressionColonSyntax => false,
        GotoStatementSyntax => false,
        AssignmentExpressionSyntax assignment => !(assignment.Left == name && IsInitializerMember(assignment)),
        _ => true,
    };

    /// <summary>True when the name is the attribute class in [Name(...)]; the compiler also tries NameAttribute.</summary>
    public static bool IsAttributeName(SimpleNameSyntax name) => name.Parent is AttributeSyntax attribute && attribute.Name == name;

    /// <summary>The argument of nameof(x) when x is a bare name: renaming it would change the produced string.</summary>
    public static InvocationExpressionSyntax? EnclosingNameof(SimpleNameSyntax name) =>
        name.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Arguments.Count: 1, Parent: InvocationExpressionSyntax invocation } }
        && invocation.Expression is IdentifierNameSyntax { Identifier.ValueText: "nameof" }
            ? invocation
            : null;

    /// <summary>True for `new { x }`: the variable's name is also the anonymous member's name.</summary>
    public static bool IsAnonymousMemberProjection(SimpleNameSyntax name) =>
        name.Parent is AnonymousObjectMemberDeclaratorSyntax { NameEquals: null };

    /// <summary>True for a tuple element `(x, y)` whose element name is inferred from the variable's name.</summary>
    public static bool IsInferredTupleElement(SimpleNameSyntax name) =>
        name.Parent is ArgumentSyntax { NameColon: null, Parent: TupleExpressionSyntax tuple }
        && !IsAssignmentTarget(tuple);

    /// <summary>True when the expression is (part of a tuple that is) the left side of an assignment.</summary>
    public static bool IsAssignmentTarget(ExpressionSyntax expression)
    {
        SyntaxNode current = expression;
        while (current.Parent is ArgumentSyntax { Parent: TupleExpressionSyntax tuple })
            current = tuple;
        return current.Parent is AssignmentExpressionSyntax assignment && assignment.Left == current;
    }

    static bool IsInitializerMember(AssignmentExpressionSyntax assignment) =>
        assignment.Parent is InitializerExpressionSyntax initializer
        && initializer.Kind() is SyntaxKind.ObjectInitializerExpression or SyntaxKind.WithInitializerExpression;

    // { A.B: 1 } in an extended property pattern: A is a member of the tested value, not a variable.
    static bool InExpressionColon(MemberAccessExpressionSyntax access)
    {
        SyntaxNodeOrToken current = access;
        while (current.Parent is MemberAccessExpressionSyntax outer && outer.Expression == current.AsNode())
            current = outer;
        return current.Parent is ExpressionColonSyntax;
    }
}
