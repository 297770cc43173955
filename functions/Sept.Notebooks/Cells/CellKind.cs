namespace Sept.Notebooks.Cells;

public enum CellKind
{
    Code,
    Sql,
    Markdown,
    Input,
    Chart,
}
