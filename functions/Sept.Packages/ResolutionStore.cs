using System.Text.Json;
using Sept.Kernel.Protocol;

namespace Sept.Packages;

/// <summary>Resolved package sets on disk, one JSON file per set key (the role of NuGet's assets file): a kernel
/// restart, a replay or a new kernel loads the same files without asking a feed or walking the graph again.</summary>
internal sealed class ResolutionStore(string directory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public bool TryLoad(string key, out PackageResolution resolution)
    {
        resolution = null!;
        var path = PathOf(key);
        if (!File.Exists(path)) return false;
        try
        {
            var loaded = JsonSerializer.Deserialize<PackageResolution>(File.ReadAllBytes(path), Json);
            // A cleared global packages folder invalidates the resolution: restore again.
            if (loaded is null || !loaded.Assemblies.Concat(loaded.NativeLibraries).All(File.Exists)) return false;
            resolution = loaded;
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public void Save(string key, PackageResolution resolution)
    {
        Directory.CreateDirectory(directory);
        var path = PathOf(key);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(resolution, Json));
        File.Move(temporary, path, overwrite: true);
    }

    private string PathOf(string key) => Path.Combine(directory, key + ".json");
}
