using Microsoft.CodeAnalysis;

namespace Sept.Notebooks.Analysis;

/// <summary>How deeply a syntax tree nests, measured without recursion. Analysis (and the rewriter's walks) refuse
/// trees deeper than <see cref="Max"/>: no hand-written cell nests that deep, and a generated one still runs in the
/// kernel, it is only left out of the dependency graph.</summary>
public static class SyntaxDepth
{
    public const int Max = 1000;

    /// <summary>A cheap look at the text before parsing: brackets nested, or one prefix operator repeated, more than
    /// ten times that (a long "----" line in a string stays fine). Parsing such a cell (up to 1 MB of '-') costs seconds of CPU only to be refused.</summary>
    public static bool TextTooDeep(string source)
    {
        int depth = 0, run = 0;
        var previous = '\0';
        foreach (var c in source)
        {
            if (char.IsWhiteSpace(c)) continue;
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}') depth = Math.Max(0, depth - 1);
            run = c is '-' or '+' or '!' or '~' && c == previous ? run + 1 : 0;
            if (depth > Max || run > 10 * Max) return true;
            previous = c;
        }
        return false;
    }

    /// <summary>The depth of the deepest node, or <see cref="Max"/> + 1 as soon as it is known to exceed it.</summary>
    public static int Of(SyntaxNode root)
    {
        var deepest = 0;
        var pending = new Stack<(SyntaxNode Node, int Depth)>();
        pending.Push((root, 1));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > Max) return Max + 1;
            deepest = Math.Max(deepest, depth);
            foreach (var child in node.ChildNodes()) pending.Push((child, depth + 1));
        }
        return deepest;
    }
}
