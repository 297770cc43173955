using System.Net;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Sept.Functions.History;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Cosmos;

/// <summary><see cref="IVersionStore"/> in the "notebook" container, inside the project's partition (point reads and
/// single-partition queries only). <para>Size: a Cosmos item may hold at most 2 MB, and one cell alone may be up to
/// 1 M characters, so a snapshot is split by cells into parts of at most <see cref="PartBytes"/> of JSON: the head
/// document carries the summary and the first part, further parts are their own documents. Parts are written
/// before the head and deleted after it, so a reader never finds a head whose parts are missing. A version whose
/// write was interrupted leaves only parts, which nothing lists and deleting the project removes.</para></summary>
public sealed class CosmosVersionStore(Container container) : IVersionStore
{
    /// <summary>JSON bytes of cells per document, well under the 2 MB item limit (room for the summary fields).</summary>
    public const int PartBytes = 1_500_000;

    private readonly CosmosItems _items = new(container);

    public async Task<VersionSaveOutcome> SaveAsync(ProjectVersion version, CancellationToken cancellationToken)
    {
        var s = version.Summary;
        var partition = s.ProjectId.ToString();
        if (await _items.ReadAsync<ProjectDocument>(partition, ProjectDocument.DocumentId, cancellationToken) is null)
            return new VersionSaveOutcome.ProjectMissing();
        var parts = Split([.. version.Snapshot.Cells.Select(VersionCellDocument.Of)]);
        for (var part = 1; part < parts.Count; part++)
            await _items.UpsertAsync(partition, new VersionPartDocument(
                VersionDocument.PartIdOf(s.Id, part), partition, VersionPartDocument.TypeName, s.Id, part, parts[part]), cancellationToken);
        var head = new VersionDocument(VersionDocument.IdOf(s.Id), partition, VersionDocument.TypeName, s.Id, s.Name, s.Kind.ToString(),
            AuthorDocument.Of(s.Author), s.CreatedAt, version.Snapshot.Cells.Count, version.Snapshot.ProjectName, version.Snapshot.Reactive,
            parts.Count, parts[0]);
        if (await _items.CreateAsync(partition, head, cancellationToken) == HttpStatusCode.Conflict)
            throw new CosmosStoreException($"Version {s.Id} of project {partition} already exists.");
        return new VersionSaveOutcome.Saved(s with { CellCount = version.Snapshot.Cells.Count });
    }

    public async Task<IReadOnlyList<VersionSummary>> ListAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        [.. (await SummariesAsync(projectId, cancellationToken))
            .OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.VersionId, StringComparer.Ordinal)
            .Select(v => v.ToSummary(projectId))];

    public async Task<ProjectVersion?> GetAsync(ProjectId projectId, string versionId, CancellationToken cancellationToken)
    {
        var partition = projectId.ToString();
        if (await _items.ReadAsync<VersionDocument>(partition, VersionDocument.IdOf(versionId), cancellationToken) is not { } head)
            return null;
        var cells = new List<VersionCellDocument>(head.Cells);
        for (var part = 1; part < head.Parts; part++)
        {
            // Missing only while a prune deletes this version: then it is gone.
            if (await _items.ReadAsync<VersionPartDocument>(partition, VersionDocument.PartIdOf(versionId, part), cancellationToken) is not { } more)
                return null;
            cells.AddRange(more.Cells);
        }
        var summary = new VersionSummaryDocument(head.VersionId, head.Name, head.Kind, head.Author, head.CreatedAt, head.CellCount, head.Parts)
            .ToSummary(projectId);
        return new ProjectVersion(summary, new VersionSnapshot(head.ProjectName, head.Reactive, [.. cells.Select(c => c.ToCell())]));
    }

    public async Task<int> PruneAsync(ProjectId projectId, int keep, CancellationToken cancellationToken)
    {
        var partition = projectId.ToString();
        var documents = (await SummariesAsync(projectId, cancellationToken)).ToDictionary(d => d.VersionId);
        var excess = VersionPruning.Excess([.. documents.Values.Select(d => d.ToSummary(projectId))], keep);
        foreach (var version in excess)
        {
            await _items.DeleteAsync(partition, VersionDocument.IdOf(version.Id), cancellationToken);
            for (var part = 1; part < documents[version.Id].Parts; part++)
                await _items.DeleteAsync(partition, VersionDocument.PartIdOf(version.Id, part), cancellationToken);
        }
        return excess.Count;
    }

    public async Task<DateTimeOffset?> NewestAtAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        (await SummariesAsync(projectId, cancellationToken)).Select(v => (DateTimeOffset?)v.CreatedAt).Max();

    private Task<List<VersionSummaryDocument>> SummariesAsync(ProjectId projectId, CancellationToken cancellationToken) =>
        _items.QueryAsync<VersionSummaryDocument>(projectId.ToString(),
            new QueryDefinition($"{VersionSummaryDocument.Select} WHERE c.projectId = @partition AND c.type = @type")
                .WithParameter("@type", VersionDocument.TypeName),
            cancellationToken);

    // Whole cells per part, in order; a part holds at least one cell (a single cell over the limit could not have
    // been stored as a cell document either).
    private static List<List<VersionCellDocument>> Split(IReadOnlyList<VersionCellDocument> cells)
    {
        var parts = new List<List<VersionCellDocument>> { new() };
        var bytes = 0;
        foreach (var cell in cells)
        {
            var size = JsonSerializer.SerializeToUtf8Bytes(cell, StoreJson.Options).Length;
            if (parts[^1].Count > 0 && bytes + size > PartBytes)
            {
                parts.Add([]);
                bytes = 0;
            }
            parts[^1].Add(cell);
            bytes += size;
        }
        return parts;
    }
}
