using DuckDB.NET.Data;
using Sept.Functions.Editor;
using Sept.LanguageServices.Features;
using Sept.LanguageServices.Workspace;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Assistant;

/// <summary>Whether a proposed cell compiles: C# against the notebook as bound (the editor's workspace, no fork of
/// it per request, Sept.LanguageServices NotebookSnapshot.WithProposedCell), DuckDB SQL by DuckDB's own parser.
/// Markdown and other kinds are not checkable (null).</summary>
public sealed class ProposalChecks(OpenNotebooks open)
{
    public sealed record Result(bool? Compiles, IReadOnlyList<ProposalDiagnostic> Diagnostics);

    public async Task<Result> CheckAsync(EditorContext editor, string cellKind, CellId? editedCell, CellId? after, string source,
        CancellationToken cancellationToken)
    {
        switch (cellKind)
        {
            case "code":
                var document = editedCell is { } cell
                    ? (await editor.Snapshot.WithDraftAsync(cell, source, cancellationToken)).DocumentOf(cell)
                    : editor.Snapshot.WithProposedCell(after, source, open.References);
                if (document is null) return new Result(null, []);
                var found = await NotebookDiagnostics.CheckDocumentAsync(document, open.References.HasHelpers, cancellationToken);
                return new Result(found.All(d => d.Severity != "error"),
                    [.. found.Select(d => new ProposalDiagnostic($"{d.Id}: {d.Message}", d.Range.Line, d.Severity))]);
            case "sql":
                return CheckDuckDbSql(source);
            default:
                return new Result(null, []);
        }
    }

    // json_serialize_sql parses without binding: it needs no tables, so it checks syntax only (names are bound at run).
    private static Result CheckDuckDbSql(string source)
    {
        using var connection = new DuckDBConnection("DataSource=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT json_extract_string(j, '$.error_message'), json_extract(j, '$.error')::BOOLEAN FROM (SELECT json_serialize_sql($sql) AS j)";
        command.Parameters.Add(new DuckDBParameter("sql", source));
        using var reader = command.ExecuteReader();
        reader.Read();
        var failed = !reader.IsDBNull(1) && reader.GetBoolean(1);
        return failed
            ? new Result(false, [new ProposalDiagnostic(reader.IsDBNull(0) ? "The SQL does not parse." : reader.GetString(0), null, "error")])
            : new Result(true, []);
    }
}
