using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Sept.LanguageServices.Workspace;
using Sept.Notebooks.Analysis;
using Sept.Notebooks.Cells;
using Sept.Notebooks.Graph;

namespace Sept.LanguageServices.Features;

/// <summary>Type-checks C# cells against the notebook as bound, without running anything. A cell's result is
/// cached under a key of its own text and, recursively, the keys of the cells it binds to: after an edit only
/// the edited cell and the cells that depend on it (directly or not) are checked again.</summary>
public sealed class NotebookDiagnostics
{
    static readonly HashSet<string> directiveIds = new(StringComparer.Ordinal) { "CS7099", "CS8099" };
    static readonly HashSet<string> unresolvedIds = new(StringComparer.Ordinal) { "CS0103", "CS0246" };

    readonly ConcurrentDictionary<CellId, (string Key, CellDiagnosticsResult Result)> _cache = new();

    /// <summary>How many cells the last call had to check (the rest came from the cache).</summary>
    public int LastChecked { get; private set; }

    public async Task<IReadOnlyList<CellDiagnosticsResult>> GetAsync(NotebookSnapshot snapshot, IReadOnlyList<EditorCell> cellsInOrder,
        NotebookGraph graph, bool hasHelpers, CancellationToken cancellationToken)
    {
        var keys = Keys(cellsInOrder, graph);
        var results = new List<CellDiagnosticsResult>();
        var checkedCells = 0;
        foreach (var cell in cellsInOrder.Where(c => c.Kind == CellKind.Code))
        {
            var key = keys[cell.Id];
            if (!_cache.TryGetValue(cell.Id, out var cached) || cached.Key != key)
            {
                if (snapshot.DocumentOf(cell.Id) is not { } document) continue;
                cached = (key, await CheckAsync(document, cell.Id, graph, hasHelpers, cancellationToken));
                _cache[cell.Id] = cached;
                checkedCells++;
            }
            results.Add(cached.Result);
        }
        foreach (var gone in _cache.Keys.Where(id => !keys.ContainsKey(id))) _cache.TryRemove(gone, out _);
        LastChecked = checkedCells;
        return results;
    }

    static async Task<CellDiagnosticsResult> CheckAsync(Document document, CellId cell, NotebookGraph graph, bool hasHelpers,
        CancellationToken cancellationToken)
    {
        var unbound = graph.UnboundReadsOf(cell).ToDictionary(u => u.Name, u => u.Message, StringComparer.Ordinal);
        var list = await DiagnosticsOfAsync(document, unbound, hasHelpers, cancellationToken);
        return new CellDiagnosticsResult(cell.ToString(), list.Count(d => d.Severity == "error"),
            list.Count(d => d.Severity == "warning"), list);
    }

    /// <summary>The errors and warnings of one document as the notebook binds it (a cell, or a proposed cell of
    /// <see cref="NotebookSnapshot.WithProposedCell"/>).</summary>
    public static Task<List<EditorDiagnostic>> CheckDocumentAsync(Document document, bool hasHelpers, CancellationToken cancellationToken) =>
        DiagnosticsOfAsync(document, new Dictionary<string, string>(), hasHelpers, cancellationToken);

    static async Task<List<EditorDiagnostic>> DiagnosticsOfAsync(Document document, Dictionary<string, string> unbound, bool hasHelpers,
        CancellationToken cancellationToken)
    {
        var model = await document.GetSemanticModelAsync(cancellationToken);
        var text = await document.GetTextAsync(cancellationToken);
        var list = new List<EditorDiagnostic>();
        foreach (var diagnostic in model!.GetDiagnostics(cancellationToken: cancellationToken))
        {
            if (diagnostic.Severity < DiagnosticSeverity.Warning || directiveIds.Contains(diagnostic.Id)) continue;
            var span = diagnostic.Location.SourceSpan;
            var message = diagnostic.GetMessage();
            if (unresolvedIds.Contains(diagnostic.Id))
            {
                var name = text.ToString(span);
                // The kernel provides its helpers; without their assembly here, their names are not errors.
                if (!hasHelpers && ScriptReferences.ProvidedNames.Contains(name)) continue;
                if (unbound.TryGetValue(name, out var explained)) message = explained;
            }
            list.Add(new EditorDiagnostic(diagnostic.Id, message,
                diagnostic.Severity == DiagnosticSeverity.Error ? "error" : "warning", Ranges.Of(text, span)));
        }
        return list;
    }

    // key(cell) = hash(its document text, and for each name it binds: the name and key(binding cell)).
    // Bindings always point to earlier cells, so one pass in cell order computes every key.
    static Dictionary<CellId, string> Keys(IReadOnlyList<EditorCell> cellsInOrder, NotebookGraph graph)
    {
        var keys = new Dictionary<CellId, string>();
        foreach (var cell in cellsInOrder)
        {
            var input = new StringBuilder(cell.DocumentText ?? "").Append('\0');
            foreach (var (name, writer) in graph.BindingsOf(cell.Id).OrderBy(b => b.Key, StringComparer.Ordinal))
                input.Append(name).Append('=').Append(keys.GetValueOrDefault(writer, writer.ToString())).Append(';');
            keys[cell.Id] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(input.ToString())));
        }
        return keys;
    }
}
