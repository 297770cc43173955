using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Sept.Notebooks.Cells;
using ProjectId = Microsoft.CodeAnalysis.ProjectId;

namespace Sept.LanguageServices.Workspace;

/// <summary>One project's Roslyn workspace, kept in step with its cells by <see cref="Update"/>: an edited cell
/// gets new text (an incremental re-parse of that cell only), an added, moved or deleted cell relinks the
/// submission chain around it. Unchanged cells keep their compilations, so a request costs the binding of the
/// cell it asks about, not a rebuild of the notebook.</summary>
public sealed class NotebookWorkspace : IDisposable
{
    const string PreambleKey = "preamble";

    readonly AdhocWorkspace _workspace = new(NotebookHost.Services);
    readonly NotebookReferences _references;
    readonly Lock _gate = new();
    // Cell (or the preamble) -> its submission project, in chain order.
    readonly Dictionary<string, ProjectId> _projects = new(StringComparer.Ordinal);
    NotebookSnapshot? _current;
    IReadOnlyList<CellId> _order = [];

    public NotebookWorkspace(NotebookReferences references) => _references = references;

    /// <summary>Brings the workspace to these cells (in cell order) and returns the snapshot to answer from.</summary>
    public NotebookSnapshot Update(IReadOnlyList<EditorCell> cellsInOrder)
    {
        lock (_gate)
        {
            var wanted = new List<(string Key, string Text)>();
            if (_references.Preamble is { } preamble) wanted.Add((PreambleKey, preamble));
            wanted.AddRange(cellsInOrder.Where(c => c.DocumentText is not null).Select(c => (c.Id.ToString(), c.DocumentText!)));
            var numbers = cellsInOrder.Select((c, i) => (c.Id, Number: i + 1)).ToDictionary(x => x.Id, x => x.Number);

            var solution = _workspace.CurrentSolution;
            var keys = wanted.Select(w => w.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var gone in _projects.Keys.Where(k => !keys.Contains(k)).ToList())
            {
                solution = solution.RemoveProject(_projects[gone]);
                _projects.Remove(gone);
            }

            ProjectId? previous = null;
            for (var i = 0; i < wanted.Count; i++)
            {
                var (key, text) = wanted[i];
                if (!_projects.TryGetValue(key, out var projectId))
                {
                    projectId = ProjectId.CreateNewId(key);
                    _projects[key] = projectId;
                    solution = solution.AddProject(NewSubmission(projectId, key, text, previous));
                }
                else
                {
                    var project = solution.GetProject(projectId)!;
                    var document = project.Documents.Single();
                    if (!document.TryGetText(out var stored) || stored.ToString() != text)
                        solution = solution.WithDocumentText(document.Id, SourceText.From(text));
                    if (project.ProjectReferences.SingleOrDefault()?.ProjectId != previous)
                        solution = solution.WithProjectReferences(projectId, previous is null ? [] : [new ProjectReference(previous)]);
                }
                previous = projectId;
            }

            var order = cellsInOrder.Select(c => c.Id).ToList();
            var unchanged = ReferenceEquals(solution, _workspace.CurrentSolution);
            if (_current is not null && unchanged && order.SequenceEqual(_order)) return _current;
            if (!unchanged && !_workspace.TryApplyChanges(solution))
                throw new InvalidOperationException("The notebook workspace refused an update.");
            _order = order;
            var documents = cellsInOrder.Where(c => _projects.ContainsKey(c.Id.ToString()))
                .ToDictionary(c => c.Id, c => _workspace.CurrentSolution.GetProject(_projects[c.Id.ToString()])!.DocumentIds[0]);
            _current = new NotebookSnapshot(_workspace.CurrentSolution, documents, numbers);
            return _current;
        }
    }

    ProjectInfo NewSubmission(ProjectId id, string key, string text, ProjectId? previous)
    {
        var assembly = CellId.TryParse(key, out var cell) ? NotebookSnapshot.AssemblyNameOf(cell) : key;
        var document = DocumentInfo.Create(DocumentId.CreateNewId(id, key), $"{key}.csx",
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(text), VersionStamp.Create())),
            sourceCodeKind: SourceCodeKind.Script);
        return ProjectInfo.Create(id, VersionStamp.Create(), key, assembly, LanguageNames.CSharp,
            compilationOptions: _references.CompilationOptions, parseOptions: _references.ParseOptions,
            documents: [document], projectReferences: previous is null ? [] : [new ProjectReference(previous)],
            metadataReferences: _references.References, isSubmission: true);
    }

    public void Dispose() => _workspace.Dispose();
}
