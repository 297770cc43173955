using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Blob;

/// <summary><see cref="IOutputStore"/> on Blob Storage: container "outputs", blob "{projectId}/{path}", the content
/// type kept as the blob's Content-Type. A project's items are the blobs under its prefix.</summary>
public sealed class BlobOutputStore(BlobContainerClient container) : IOutputStore
{
    public async Task<long> PutAsync(ProjectId projectId, string path, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(BlobName(projectId, path));
        var counted = new CountingStream(content);
        await blob.UploadAsync(counted, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);
        return counted.BytesRead;
    }

    public async Task<StoredItem?> OpenAsync(ProjectId projectId, string path, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(BlobName(projectId, path));
        try
        {
            var download = (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value;
            var details = download.Details;
            return new StoredItem(new StoredItemInfo(path, details.ContentLength, details.ContentType ?? "application/octet-stream"), download.Content);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<StoredItemInfo>> ListAsync(ProjectId projectId, string prefix, CancellationToken cancellationToken)
    {
        var projectPrefix = ProjectPrefix(projectId);
        var items = new List<StoredItemInfo>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = projectPrefix + prefix }, cancellationToken))
            items.Add(new StoredItemInfo(blob.Name[projectPrefix.Length..], blob.Properties.ContentLength ?? 0,
                blob.Properties.ContentType ?? "application/octet-stream"));
        return [.. items.OrderBy(i => i.Path, StringComparer.Ordinal)];
    }

    public async Task DeleteProjectAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = ProjectPrefix(projectId) }, cancellationToken))
            await container.DeleteBlobIfExistsAsync(blob.Name, DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
    }

    private static string ProjectPrefix(ProjectId projectId) => $"{projectId}/";

    // Paths come from the app, but never let one name another project's blob (URLs would resolve "..").
    private static string BlobName(ProjectId projectId, string path)
    {
        var segments = path.Split('/');
        if (path.Length == 0 || path.Contains('\\') || segments.Any(s => s is "" or "." or ".."))
            throw new ArgumentException($"Path '{path}' is not inside the project.", nameof(path));
        return ProjectPrefix(projectId) + path;
    }
}
