using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Rewriting;

namespace Sept.Kernel.Scripting;

/// <summary>The kernel's one door to Sept.Notebooks' per-cell renaming and SQL analysis (see docs/kernel.md, variable model).</summary>
public static class NotebookRewriting
{
    /// <summary>The identifier a cell's declaration of <paramref name="name"/> gets in the submission chain.</summary>
    public static string Unique(string name, string cellId) => NotebookNames.Unique(name, CellId.Parse(cellId));

    /// <summary>Renames the cell's declarations to its own unique names and its reads to the cells they bind to.</summary>
    public static RewrittenCell Rewrite(string source, string cellId, IReadOnlyDictionary<string, string> bindings) =>
        CSharpCellRewriter.Rewrite(source, CellId.Parse(cellId), bindings.ToDictionary(b => b.Key, b => CellId.Parse(b.Value)));

    /// <summary>The SQL with <c>{name}</c> placeholders as positional parameters ($1, $2...) and their names in order.</summary>
    public static (string Sql, IReadOnlyList<string> ParameterNames) Positional(string sql, string? resultName, IReadOnlySet<string> knownNames) =>
        SqlCellAnalyzer.Analyze(sql, resultName, knownNames).ToPositional(sql);
}
