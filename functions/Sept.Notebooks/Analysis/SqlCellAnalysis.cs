using System.Text;

namespace Sept.Notebooks.Analysis;

/// <summary>The result of analysing one SQL cell.</summary>
/// <param name="Placeholders">Every {name} placeholder in source order, with its span (braces included).</param>
/// <param name="Tables">Unqualified names in table position that are (or may be) notebook values.</param>
public sealed record SqlCellAnalysis(
    CellSymbols Symbols,
    IReadOnlyList<Placeholder> Placeholders,
    IReadOnlyList<SqlTableReference> Tables)
{
    /// <summary>The SQL with each {name} replaced by a positional parameter ($1, $2, ...; the same name reuses
    /// its number) and the parameter names in number order, so values are bound, never spliced into the text.</summary>
    public (string Sql, IReadOnlyList<string> ParameterNames) ToPositional(string sql)
    {
        var names = new List<string>();
        var result = new StringBuilder(sql.Length);
        var copied = 0;
        foreach (var placeholder in Placeholders)
        {
            var number = names.IndexOf(placeholder.Name) + 1;
            if (number == 0)
            {
                names.Add(placeholder.Name);
                number = names.Count;
            }
            result.Append(sql, copied, placeholder.Start - copied).Append('$').Append(number);
            copied = placeholder.Start + placeholder.Length;
        }
        result.Append(sql, copied, sql.Length - copied);
        return (result.ToString(), names);
    }
}
