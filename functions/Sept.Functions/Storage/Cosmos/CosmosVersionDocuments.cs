using Sept.Functions.History;
using Sept.Functions.Identity;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Cosmos;

// Version documents in the project's partition: the head "version:<versionId>" (summary, project name and mode,
// the first part of the cells) and, for snapshots too big for one item, parts "version:<versionId>:<n>" (n >= 1).

internal sealed record VersionDocument(
    string Id, string ProjectId, string Type, string VersionId, string? Name, string Kind, AuthorDocument Author,
    DateTimeOffset CreatedAt, int CellCount, string ProjectName, bool Reactive, int Parts, IReadOnlyList<VersionCellDocument> Cells)
{
    public const string TypeName = "version";

    public static string IdOf(string versionId) => $"version:{versionId}";

    public static string PartIdOf(string versionId, int part) => $"version:{versionId}:{part}";
}

internal sealed record VersionPartDocument(
    string Id, string ProjectId, string Type, string VersionId, int Part, IReadOnlyList<VersionCellDocument> Cells)
{
    public const string TypeName = "versionPart";
}

/// <summary>The summary fields of a head document, read by listing without the cells.</summary>
internal sealed record VersionSummaryDocument(
    string VersionId, string? Name, string Kind, AuthorDocument Author, DateTimeOffset CreatedAt, int CellCount, int Parts)
{
    public const string Select = "SELECT c.versionId, c.name, c.kind, c.author, c.createdAt, c.cellCount, c.parts FROM c";

    public VersionSummary ToSummary(ProjectId projectId) =>
        new(projectId, VersionId, Name, Enum.Parse<VersionKind>(Kind), Author.ToUser(), CreatedAt, CellCount);
}

internal sealed record AuthorDocument(string Id, string Name, string Email)
{
    public static AuthorDocument Of(SeptUser user) => new(user.Id, user.Name, user.Email);

    public SeptUser ToUser() => new(Id, Name, Email);
}
