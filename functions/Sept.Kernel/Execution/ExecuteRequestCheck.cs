using Microsoft.CodeAnalysis.CSharp;
using Sept.Kernel.Protocol;
using Sept.Notebooks.Cells;

namespace Sept.Kernel.Execution;

/// <summary>Rejects malformed execute requests with a readable reason (sent back as 400 problem+json).</summary>
internal static class ExecuteRequestCheck
{
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string> { "code", "sql", "markdown", "input", "chart" };

    public static string? Validate(ExecuteRequest request)
    {
        if (string.IsNullOrEmpty(request.RunId)) return "runId is required.";
        if (!CellId.TryParse(request.CellId, out _)) return "cellId must be 32 hex digits.";
        if (request.Kind is null || !Kinds.Contains(request.Kind))
            return $"kind must be one of {string.Join(", ", Kinds)}.";
        if (request.Source is null) return "source is required.";
        if (request.TimeoutMs is <= 0) return "timeoutMs must be positive.";
        foreach (var (name, cell) in request.Bindings ?? new Dictionary<string, string>())
        {
            if (!SyntaxFacts.IsValidIdentifier(name)) return $"binding name '{name}' is not an identifier.";
            if (!CellId.TryParse(cell, out _)) return $"binding '{name}' must point to a cell id (32 hex digits).";
        }
        return null;
    }
}
