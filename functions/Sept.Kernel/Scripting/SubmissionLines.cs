using System.Diagnostics;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Emit;

namespace Sept.Kernel.Scripting;

/// <summary>Finds the cell line of a stack frame in a failed submission. Submissions are compiled without debug
/// information (a PDB costs several times the compile), so only when a cell throws is its compilation emitted again
/// with a PDB, and the frame's method token and IL offset looked up in its sequence points.</summary>
public sealed class SubmissionLines
{
    private readonly string scriptClass;
    private readonly Lazy<MetadataReaderProvider?> pdb;

    public SubmissionLines(Compilation compilation)
    {
        Code = compilation.SyntaxTrees.LastOrDefault()?.ToString() ?? "";
        scriptClass = compilation.ScriptClass?.Name ?? "";
        pdb = new Lazy<MetadataReaderProvider?>(() => Emit(compilation));
    }

    /// <summary>The code the submission was compiled from. A cached submission re-run for a cell whose comments or
    /// whitespace changed since has other positions than the cell's current code.</summary>
    public string Code { get; }

    /// <summary>1-based line and column in the submission's text, or null when the frame is not in this submission.</summary>
    public (int Line, int Column)? Locate(StackFrame frame)
    {
        var method = frame.GetMethod();
        if (method is null || !IsInSubmission(method.DeclaringType) || frame.GetILOffset() < 0) return null;
        var reader = pdb.Value?.GetMetadataReader();
        if (reader is null) return null;
        var handle = MetadataTokens.MethodDebugInformationHandle(MetadataTokens.GetRowNumber(MetadataTokens.EntityHandle(method.MetadataToken)));
        SequencePoint? best = null;
        foreach (var point in reader.GetMethodDebugInformation(handle).GetSequencePoints())
        {
            if (point.IsHidden) continue;
            if (point.Offset > frame.GetILOffset()) break;
            best = point;
        }
        return best is { } p ? (p.StartLine, p.StartColumn) : null;
    }

    private bool IsInSubmission(Type? type)
    {
        while (type?.DeclaringType is not null) type = type.DeclaringType;
        return type is not null && type.Name == scriptClass && scriptClass.Length > 0;
    }

    private static MetadataReaderProvider? Emit(Compilation compilation)
    {
        using var pe = new MemoryStream();
        var pdbStream = new MemoryStream();
        var result = compilation.Emit(pe, pdbStream, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb));
        if (!result.Success) return null;
        pdbStream.Position = 0;
        return MetadataReaderProvider.FromPortablePdbStream(pdbStream);
    }
}
