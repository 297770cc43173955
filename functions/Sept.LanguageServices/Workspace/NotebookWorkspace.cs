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
    internal const string PreambleKey = "preamble";

    readonly AdhocWorkspace _workspace = new(NotebookHost.Services);
    readonly NotebookReferences _references;
    readonly Lock _gate = new();
    // Cell (or the preamble) -> its submission project, in chain order.
    readonly Dictionary<string, ProjectId> _projects = new(StringComparer.Ordinal);
    // The text each submission holds (the workspace loads document text lazily; comparing with it would force a load).
    readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
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
                _texts.Remove(gone);
            }

            // Relinking is applied in two steps (unlink, then link): a moved cell would otherwise briefly form a cycle.
            var relinks = new List<(ProjectId Project, ProjectId? Previous)>();
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
                    if (_texts[key] != text) solution = solution.WithDocumentText(project.DocumentIds[0], SourceText.From(text));
                    if (project.ProjectReferences.SingleOrDefault()?.ProjectId != previous)
                    {
                        relinks.Add((projectId, previous));
                        solution = solution.WithProjectReferences(projectId, []);
                    }
                }
                _texts[key] = text;
                previous = projectId;
            }

            var order = cellsInOrder.Select(c => c.Id).ToList();
            var unchanged = ReferenceEquals(solution, _workspace.CurrentSolution);
            if (_current is not null && unchanged && order.SequenceEqual(_order)) return _current;
            if (!unchanged) Apply(solution);
            if (relinks.Count > 0)
                Apply(relinks.Aggregate(_workspace.CurrentSolution, (linked, r) =>
                    linked.WithProjectReferences(r.Project, r.Previous is null ? [] : [new ProjectReference(r.Previous)])));
            _order = order;
            var documents = cellsInOrder.Where(c => _projects.ContainsKey(c.Id.ToString()))
                .ToDictionary(c => c.Id, c => _workspace.CurrentSolution.GetProject(_projects[c.Id.ToString()])!.DocumentIds[0]);
            var texts = documents.Keys.ToDictionary(id => id, id => _texts[id.ToString()]);
            _current = new NotebookSnapshot(_workspace.CurrentSolution, documents, texts, numbers);
            return _current;
        }
    }

    void Apply(Solution solution)
    {
        if (!_workspace.TryApplyChanges(solution)) throw new InvalidOperationException("The notebook workspace refused an update.");
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
