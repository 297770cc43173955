using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage;

/// <summary>Large outputs and uploaded files, addressed by a path inside the project
/// ("files/data.csv", "outputs/{runId}/{n}"). Blob: container "outputs", blob "{projectId}/{path}".</summary>
public interface IOutputStore
{
    /// <summary>Writes (or overwrites) the item and returns its size in bytes.</summary>
    Task<long> PutAsync(ProjectId projectId, string path, Stream content, string contentType, CancellationToken cancellationToken);

    /// <summary>Opens the item for reading; null when it does not exist.</summary>
    Task<StoredItem?> OpenAsync(ProjectId projectId, string path, CancellationToken cancellationToken);

    /// <summary>Items whose path starts with <paramref name="prefix"/>, ordered by path.</summary>
    Task<IReadOnlyList<StoredItemInfo>> ListAsync(ProjectId projectId, string prefix, CancellationToken cancellationToken);

    /// <summary>Deletes every item of the project.</summary>
    Task DeleteProjectAsync(ProjectId projectId, CancellationToken cancellationToken);
}

public sealed record StoredItemInfo(string Path, long Size, string ContentType);

/// <summary>An open item; the caller disposes it.</summary>
public sealed record StoredItem(StoredItemInfo Info, Stream Content) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
