namespace Sept.Notebooks.Rewriting;

/// <summary>A cell's code with its values renamed per cell.</summary>
/// <param name="Code">The code to submit; it has the same lines as the user's source (only identifiers change).</param>
/// <param name="UserNames">Each unique identifier used in Code → the name the user wrote.</param>
public sealed record RewrittenCell(string Code, IReadOnlyDictionary<string, string> UserNames)
{
    /// <summary>Types and using aliases this cell declares; they keep their names. Remember them per cell and
    /// answer the rewriter's isType question for later cells, so `Color.Red` is not renamed to `Color__id.Red`.</summary>
    public IReadOnlySet<string> TypeNames { get; init; } = new HashSet<string>();
}
