using Sept.Functions.Cells;
using Sept.Functions.Storage;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Projects;

/// <summary>Loads a project with its analysed cells.</summary>
public sealed class NotebookReader(IProjectStore store, NotebookAnalysis analysis)
{
    public async Task<LoadedNotebook?> LoadAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        if (await store.GetProjectAsync(projectId, cancellationToken) is not { } project) return null;
        var cells = await store.ListCellsAsync(projectId, cancellationToken);
        return new LoadedNotebook(project, analysis.Analyze(cells));
    }

    public async Task<ProjectDto?> GetAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        await LoadAsync(projectId, cancellationToken) is { } loaded ? loaded.ToDto() : null;
}

public sealed record LoadedNotebook(ProjectRecord Project, AnalyzedNotebook Notebook)
{
    public ProjectDto ToDto() => ProjectDto.From(Project, [.. Notebook.Cells.Select(Notebook.ToDto)]);

    public CellRecord? Find(CellId id) => Notebook.Cells.FirstOrDefault(c => c.Id == id);

    /// <summary>The domain view of the cells, for ordering.</summary>
    public Sept.Notebooks.Cells.Project AsProject() => Sept.Notebooks.Cells.Project.Create(Project.Id, Project.Name, Project.Reactive,
        Notebook.Cells.Select(c => new Cell(c.Id, c.Kind, c.Source, c.Order, c.Version, c.Run.State)));
}
