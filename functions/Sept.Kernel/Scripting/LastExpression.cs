using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Sept.Kernel.Scripting;

/// <summary>Whether a cell ends with an expression without a semicolon, the only case whose value is displayed.
/// ScriptState.ReturnValue alone cannot tell "null" from "no expression".</summary>
public static class LastExpression
{
    private static readonly CSharpParseOptions ScriptParse = CSharpParseOptions.Default.WithKind(SourceCodeKind.Script);

    public static bool IsDisplayed(string source)
    {
        var root = (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(source, ScriptParse).GetRoot();
        return root.Members.LastOrDefault() is GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }
            && statement.SemicolonToken.IsMissing;
    }
}
