namespace Sept.Notebooks.Rewriting;

/// <summary>A cell's code with its values renamed per cell.</summary>
/// <param name="Code">The code to submit; it has the same lines as the user's source (only identifiers change).</param>
/// <param name="UserNames">Each unique identifier used in Code → the name the user wrote.</param>
public sealed record RewrittenCell(string Code, IReadOnlyDictionary<string, string> UserNames);
