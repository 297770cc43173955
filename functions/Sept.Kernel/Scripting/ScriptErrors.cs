using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis;

namespace Sept.Kernel.Scripting;

/// <summary>A cell error located in the user's text (1-based), with user names restored.</summary>
public sealed record CellError(string Ename, string Message, int? Line, int? Column, string? Stack);

/// <summary>Turns compiler diagnostics and exceptions from the rewritten submission into errors about the user's cell.</summary>
public static class ScriptErrors
{
    private const int MaxCompileErrors = 10;

    public static IEnumerable<CellError> FromDiagnostics(IEnumerable<Diagnostic> errors, string rewrittenCode)
    {
        var lines = rewrittenCode.Split('\n');
        foreach (var d in errors.Take(MaxCompileErrors))
        {
            var message = $"{d.Id}: {CellNames.Demangle(d.GetMessage(CultureInfo.InvariantCulture))}";
            if (!d.Location.IsInSource)
            {
                yield return new CellError("CompilationError", message, null, null, null);
                continue;
            }
            var start = d.Location.GetLineSpan().StartLinePosition;
            var text = start.Line < lines.Length ? lines[start.Line] : "";
            yield return new CellError("CompilationError", message, start.Line + 1,
                CellNames.OriginalColumn(text, start.Character) + 1, null);
        }
    }

    public static CellError FromException(Exception exception, SubmissionLines? lines, string rewrittenCode)
    {
        exception = Unwrap(exception);
        var code = rewrittenCode.Split('\n');
        int? line = null, column = null;
        var stack = new StringBuilder();
        foreach (var frame in new StackTrace(exception, fNeedFileInfo: true).GetFrames())
        {
            var method = frame.GetMethod();
            if (method is null || IsPlumbing(method)) continue;
            var at = lines?.Locate(frame) is { } compiled && lines.Code != rewrittenCode
                ? TokenPositions.Relocate(lines.Code, rewrittenCode, compiled.Line, compiled.Column)
                : lines?.Locate(frame);
            if (at is { } found && line is null)
            {
                line = found.Line;
                var text = found.Line <= code.Length ? code[found.Line - 1] : "";
                column = CellNames.OriginalColumn(text, Math.Max(0, found.Column - 1)) + 1;
            }
            stack.Append("   at ").Append(Describe(method));
            if (at is { } position) stack.Append(" in cell line ").Append(position.Line);
            stack.Append('\n');
        }
        return new CellError(CellNames.Demangle(exception.GetType().Name), CellNames.Demangle(exception.Message), line, column,
            stack.Length == 0 ? null : stack.ToString().TrimEnd());
    }

    private static Exception Unwrap(Exception e) => e switch
    {
        TargetInvocationException { InnerException: { } inner } => Unwrap(inner),
        AggregateException { InnerExceptions.Count: 1 } a => Unwrap(a.InnerExceptions[0]),
        _ => e,
    };

    /// <summary>Roslyn's runner and async machinery say nothing about the user's code.</summary>
    private static bool IsPlumbing(MethodBase method)
    {
        var ns = method.DeclaringType?.Namespace ?? "";
        return ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
            || ns.StartsWith("Internal.Runtime", StringComparison.Ordinal)
            || ns.StartsWith("System.Runtime.CompilerServices", StringComparison.Ordinal)
            || ns.StartsWith("System.Runtime.ExceptionServices", StringComparison.Ordinal)
            || method.DeclaringType == typeof(ExecutionContext)
            || method.Name == "<Factory>";
    }

    private static string Describe(MethodBase method)
    {
        var type = method.DeclaringType;
        // Top-level cell code compiles to Submission#N.<Initialize> (or its async state machine).
        if (type?.FullName?.StartsWith("Submission#", StringComparison.Ordinal) == true)
        {
            if (method.Name == "<Initialize>" || type.Name.StartsWith("<<Initialize>", StringComparison.Ordinal)) return "<cell>";
            var owner = type.IsNested && type.Name.StartsWith('<') ? type.DeclaringType! : type;
            var name = owner.FullName!.StartsWith("Submission#", StringComparison.Ordinal) && owner.DeclaringType is null
                ? MethodName(method, type)
                : $"{owner.Name}.{MethodName(method, type)}";
            return CellNames.Demangle(name);
        }
        return $"{type?.FullName}.{method.Name}";
    }

    private static string MethodName(MethodBase method, Type type) =>
        method.Name == "MoveNext" && type.Name.StartsWith('<') ? type.Name[1..type.Name.IndexOf('>')] : method.Name;
}
