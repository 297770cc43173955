using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Sept.Notebooks.Cells;
using ProjectId = Microsoft.CodeAnalysis.ProjectId;

namespace Sept.LanguageServices.Workspace;

/// <summary>One immutable state of a notebook's workspace: every C# cell (and every SQL/input cell's stub) is a
/// script submission whose previous submission is the cell above, so a name means what it means in the kernel:
/// the nearest earlier cell that declares it. Safe to use from many requests at once.</summary>
public sealed class NotebookSnapshot
{
    const string AssemblyPrefix = "cell-";

    readonly IReadOnlyDictionary<CellId, DocumentId> _documents;
    readonly IReadOnlyDictionary<CellId, int> _numbers;
    readonly IReadOnlyDictionary<CellId, string> _texts;
    // The last draft fork per cell: typing sends the same base with a growing text, completion and hover of one
    // text share a compilation.
    readonly ConcurrentDictionary<CellId, (string Source, NotebookSnapshot Fork)> _drafts;

    internal NotebookSnapshot(Solution solution, IReadOnlyDictionary<CellId, DocumentId> documents, IReadOnlyDictionary<CellId, string> texts,
        IReadOnlyDictionary<CellId, int> numbers, ConcurrentDictionary<CellId, (string, NotebookSnapshot)>? drafts = null)
    {
        Solution = solution;
        _documents = documents;
        _texts = texts;
        _numbers = numbers;
        _drafts = drafts ?? new();
    }

    public Solution Solution { get; }

    /// <summary>The cells that have a document, in cell order.</summary>
    public IEnumerable<CellId> Cells => _documents.Keys;

    public Document? DocumentOf(CellId cell) => _documents.TryGetValue(cell, out var id) ? Solution.GetDocument(id) : null;

    /// <summary>1-based position of the cell among all cells (what the notebook shows), or 0.</summary>
    public int NumberOf(CellId cell) => _numbers.GetValueOrDefault(cell);

    /// <summary>The cell a source symbol is declared in (its submission's assembly), or null for library symbols.</summary>
    public static CellId? CellOf(ISymbol symbol) =>
        symbol.ContainingAssembly?.Name is { } name && name.StartsWith(AssemblyPrefix, StringComparison.Ordinal)
            && CellId.TryParse(name[AssemblyPrefix.Length..], out var cell)
            ? cell
            : null;

    public CellId? CellOf(DocumentId document) =>
        _documents.FirstOrDefault(d => d.Value == document) is { Value: not null } found ? found.Key : null;

    internal static string AssemblyNameOf(CellId cell) => AssemblyPrefix + cell;

    /// <summary>This snapshot with one cell's unsaved text (what the editor holds): a fork of the solution
    /// that re-parses that cell incrementally and shares every other cell's compilation.</summary>
    public async Task<NotebookSnapshot> WithDraftAsync(CellId cell, string source, CancellationToken cancellationToken)
    {
        if (!_documents.TryGetValue(cell, out var document) || _texts[cell] == source) return this;
        if (_drafts.TryGetValue(cell, out var last) && last.Source == source) return last.Fork;
        var basis = _drafts.TryGetValue(cell, out last) ? last.Fork : this;
        var previous = await basis.Solution.GetDocument(document)!.GetTextAsync(cancellationToken);
        var fork = new NotebookSnapshot(basis.Solution.WithDocumentText(document, WithChange(previous, source)), _documents, _texts, _numbers, _drafts);
        _drafts[cell] = (source, fork);
        return fork;
    }

    /// <summary>A document for a cell that does not exist yet, placed after <paramref name="after"/> (null: at the
    /// end): a fork of the solution with one more submission that binds to the cells above it, sharing their
    /// compilations (the assistant checks what it proposes this way).</summary>
    public Document WithProposedCell(CellId? after, string source, NotebookReferences references)
    {
        var limit = after is { } a && NumberOf(a) > 0 ? NumberOf(a) : int.MaxValue;
        var previous = _documents.Where(d => NumberOf(d.Key) <= limit).OrderBy(d => NumberOf(d.Key)).Select(d => d.Value.ProjectId)
            .LastOrDefault();
        previous ??= Solution.Projects.FirstOrDefault(p => p.Name == NotebookWorkspace.PreambleKey)?.Id;
        var id = ProjectId.CreateNewId("proposed");
        var document = DocumentInfo.Create(DocumentId.CreateNewId(id, "proposed"), "proposed.csx",
            loader: TextLoader.From(TextAndVersion.Create(SourceText.From(source), VersionStamp.Create())),
            sourceCodeKind: SourceCodeKind.Script);
        var solution = Solution.AddProject(ProjectInfo.Create(id, VersionStamp.Create(), "proposed", "proposed-cell", LanguageNames.CSharp,
            compilationOptions: references.CompilationOptions, parseOptions: references.ParseOptions, documents: [document],
            projectReferences: previous is null ? [] : [new ProjectReference(previous)], metadataReferences: references.References,
            isSubmission: true));
        return solution.GetDocument(document.Id)!;
    }

    // One change spanning the differing middle, so Roslyn re-parses incrementally.
    static SourceText WithChange(SourceText old, string updated)
    {
        var before = old.ToString();
        var prefix = 0;
        var max = Math.Min(before.Length, updated.Length);
        while (prefix < max && before[prefix] == updated[prefix]) prefix++;
        var suffix = 0;
        while (suffix < max - prefix && before[before.Length - 1 - suffix] == updated[updated.Length - 1 - suffix]) suffix++;
        var span = TextSpan.FromBounds(prefix, before.Length - suffix);
        return old.WithChanges(new TextChange(span, updated.Substring(prefix, updated.Length - suffix - prefix)));
    }
}
