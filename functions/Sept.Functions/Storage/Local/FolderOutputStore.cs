using Sept.Notebooks.Cells;

namespace Sept.Functions.Storage.Local;

/// <summary><see cref="IOutputStore"/> on a folder: {root}/{projectId}/{path}; the content type is kept in a
/// side file "{path}.type".</summary>
public sealed class FolderOutputStore(string root) : IOutputStore
{
    private const string TypeSuffix = ".type";

    public async Task<long> PutAsync(ProjectId projectId, string path, Stream content, string contentType, CancellationToken cancellationToken)
    {
        var file = Resolve(projectId, path);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = file + ".part";
        await using (var target = File.Create(temp))
            await content.CopyToAsync(target, cancellationToken);
        File.Move(temp, file, overwrite: true);
        await File.WriteAllTextAsync(file + TypeSuffix, contentType, cancellationToken);
        return new FileInfo(file).Length;
    }

    public Task<StoredItem?> OpenAsync(ProjectId projectId, string path, CancellationToken cancellationToken)
    {
        // The store's own side files ("x.type", "x.part") are not items (GET files/x.type was a 500).
        if (path.EndsWith(TypeSuffix, StringComparison.Ordinal) || path.EndsWith(".part", StringComparison.Ordinal))
            return Task.FromResult<StoredItem?>(null);
        var file = Resolve(projectId, path);
        if (!File.Exists(file)) return Task.FromResult<StoredItem?>(null);
        var info = Describe(projectId, file);
        Stream stream = File.OpenRead(file);
        return Task.FromResult<StoredItem?>(new StoredItem(info, stream));
    }

    public Task<IReadOnlyList<StoredItemInfo>> ListAsync(ProjectId projectId, string prefix, CancellationToken cancellationToken)
    {
        var folder = ProjectFolder(projectId);
        IReadOnlyList<StoredItemInfo> items = !Directory.Exists(folder) ? [] :
            [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(TypeSuffix, StringComparison.Ordinal) && !f.EndsWith(".part", StringComparison.Ordinal))
                .Select(f => Describe(projectId, f))
                .Where(i => i.Path.StartsWith(prefix, StringComparison.Ordinal))
                .OrderBy(i => i.Path, StringComparer.Ordinal)];
        return Task.FromResult(items);
    }

    public Task DeleteProjectAsync(ProjectId projectId, CancellationToken cancellationToken)
    {
        var folder = ProjectFolder(projectId);
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        return Task.CompletedTask;
    }

    private StoredItemInfo Describe(ProjectId projectId, string file)
    {
        var relative = Path.GetRelativePath(ProjectFolder(projectId), file).Replace('\\', '/');
        var typeFile = file + TypeSuffix;
        var type = File.Exists(typeFile) ? File.ReadAllText(typeFile) : "application/octet-stream";
        return new StoredItemInfo(relative, new FileInfo(file).Length, type);
    }

    private string ProjectFolder(ProjectId projectId) => Path.GetFullPath(Path.Combine(root, projectId.ToString()));

    // Paths come from the app, but never let one escape the project's folder.
    private string Resolve(ProjectId projectId, string path)
    {
        var folder = ProjectFolder(projectId);
        var full = Path.GetFullPath(Path.Combine(folder, path));
        if (!full.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || full.EndsWith(TypeSuffix, StringComparison.Ordinal))
            throw new ArgumentException($"Path '{path}' is not inside the project.", nameof(path));
        return full;
    }
}
