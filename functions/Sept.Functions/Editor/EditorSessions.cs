using Sept.Functions.Cells;
using Sept.Functions.Projects;
using Sept.LanguageServices.Workspace;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Editor;

/// <summary>A project's cells and graph, brought into its open workspace.</summary>
public sealed record EditorContext(LoadedNotebook Loaded, IReadOnlyList<EditorCell> Cells, OpenNotebook Open, NotebookSnapshot Snapshot)
{
    public AnalyzedNotebook Notebook => Loaded.Notebook;
}

/// <summary>Loads a project and updates its workspace (only the cells that changed since the last request).</summary>
public sealed class EditorSessions(NotebookReader reader, OpenNotebooks open)
{
    public bool HasHelpers => open.References.HasHelpers;

    public async Task<EditorContext?> OpenAsync(ProjectId project, CancellationToken cancellationToken)
    {
        if (await reader.LoadAsync(project, cancellationToken) is not { } loaded) return null;
        var cells = EditorCells.From(loaded.Notebook.Cells, HasHelpers);
        var notebook = open.Get(project);
        return new EditorContext(loaded, cells, notebook, notebook.Workspace.Update(cells));
    }
}
