using Sept.Notebooks.Cells;

namespace Sept.Notebooks.Graph;

public enum EdgeKind
{
    /// <summary>The reader binds the name to the writer's declaration.</summary>
    Definition,
    /// <summary>The writer's value was changed in place by this cell before the reader sees it.</summary>
    Mutation,
    /// <summary>The writer's <c>#r "nuget: Name"</c> directive loads the package whose types or namespaces the
    /// reader uses; the edge's name is the package id as the directive writes it.</summary>
    Package,
}

/// <summary>The cell <paramref name="To"/> depends on <paramref name="From"/> through <paramref name="Name"/>.</summary>
public sealed record GraphEdge(CellId From, CellId To, string Name, EdgeKind Kind);

/// <summary>A read with no earlier writer. <paramref name="DefinedBelowBy"/> is the first later cell writing
/// the name, if any, so the UI can say "move it above".</summary>
public sealed record UnboundRead(CellId Cell, string Name, CellId? DefinedBelowBy, string Message);

/// <summary>A cell that changes values other cells declared; cells below that read them also depend on it.</summary>
public sealed record MutationWarning(CellId Cell, IReadOnlyList<string> Names, string Message);

/// <summary>Cells that depend on each other in a loop (cannot happen with backward-only binding; reported
/// if it ever does).</summary>
public sealed record GraphCycle(IReadOnlyList<CellId> Cells);
