using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sept.Notebooks.Analysis;

/// <summary>Decides from syntax whether a use of a free name changes that value in place:
/// x = ..., x += ..., x++, ref/out x, x.P = ..., x[i] = ..., x.Add(...), (x, y) = ...</summary>
static class MutationDetector
{
    /// <summary>Method names that change their receiver on the usual collection and builder types.
    /// LINQ's Append/Prepend return new sequences, so they are not here.</summary>
    static readonly HashSet<string> mutatingMethods = new(StringComparer.Ordinal)
    {
        "Add", "AddRange", "Insert", "InsertRange", "Remove", "RemoveAt", "RemoveAll", "RemoveRange", "RemoveWhere",
        "Clear", "Push", "Pop", "Enqueue", "Dequeue", "TryAdd", "TryRemove", "TryDequeue", "TryPop", "TryUpdate",
        "AddOrUpdate", "GetOrAdd", "Sort", "Reverse", "UnionWith", "IntersectWith", "ExceptWith",
        "SymmetricExceptWith", "AppendLine", "AppendFormat", "AppendJoin", "EnsureCapacity", "TrimExcess",
    };

    public static bool IsMutation(SimpleNameSyntax name)
    {
        ExpressionSyntax top = name;
        while (true)
        {
            switch (top.Parent)
            {
                case MemberAccessExpressionSyntax access when access.Expression == top:
                    if (IsMutatingCall(access, access.Name)) return true;
                    top = access;
                    continue;
                case ElementAccessExpressionSyntax element when element.Expression == top:
                    top = element;
                    continue;
                case PostfixUnaryExpressionSyntax bang when bang.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    top = bang;
                    continue;
                case ParenthesizedExpressionSyntax parenthesized:
                    top = parenthesized;
                    continue;
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == top:
                    return ChangesThroughBinding(conditional.WhenNotNull);
            }
            break;
        }
        return top.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == top,
            PrefixUnaryExpressionSyntax prefix => IsIncrementOrDecrement(prefix.Kind()),
            PostfixUnaryExpressionSyntax postfix => IsIncrementOrDecrement(postfix.Kind()),
            ArgumentSyntax argument => argument.RefKindKeyword.Kind() is SyntaxKind.RefKeyword or SyntaxKind.OutKeyword
                || NamePositions.IsAssignmentTarget(top),
            _ => false,
        };
    }

    static bool IsMutatingCall(ExpressionSyntax callee, SimpleNameSyntax method) =>
        callee.Parent is InvocationExpressionSyntax invocation && invocation.Expression == callee
        && mutatingMethods.Contains(method.Identifier.ValueText);

    // x?.Add(1), x?.P = 1 (C# 14 null-conditional assignment)
    static bool ChangesThroughBinding(ExpressionSyntax whenNotNull) => whenNotNull switch
    {
        InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax binding } call =>
            IsMutatingCall(call.Expression, binding.Name),
        AssignmentExpressionSyntax => true,
        _ => false,
    };

    static bool IsIncrementOrDecrement(SyntaxKind kind) => kind is SyntaxKind.PreIncrementExpression
        or SyntaxKind.PreDecrementExpression or SyntaxKind.PostIncrementExpression or SyntaxKind.PostDecrementExpression;
}
