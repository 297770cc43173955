using Microsoft.Extensions.Options;
using Sept.Kernel.Execution;
using Sept.Kernel.Protocol;
using Sept.Kernel.Scripting;
using Sept.Notebooks.Analysis;

namespace Sept.Kernel.Packages;

/// <summary>The notebook's package set in this kernel: the union of its cells' <c>#r</c>/<c>#i</c> directives. A cell
/// with directives restores the set before it compiles; the restored assemblies become references of every later
/// submission. Assemblies cannot be unloaded, so a set that needs another version of a loaded package is refused
/// until the kernel restarts. Runs on the cell's turn (one cell at a time).</summary>
public sealed class NotebookPackages(ScriptSession scripts, IOptions<KernelOptions> options)
{
    private readonly Dictionary<string, IReadOnlyList<CellDirective>> byCell = [];
    private readonly Dictionary<string, string> packageVersions = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> referenced = new(StringComparer.Ordinal);
    private PackageRequest? loaded;
    private Func<PackageRequest, Action<string>?, CancellationToken, Task<PackageResolution>>? restore;

    /// <summary>Restores and loads what the cell's directives add; false after reporting an error on the cell.</summary>
    internal async Task<bool> PrepareAsync(string cellId, DirectiveSplit split, CellRun run, CancellationToken ct)
    {
        foreach (var bad in split.Errors) run.Error("DirectiveError", bad.Message, bad.Line, bad.Column);
        if (split.Errors.Count > 0) return false;
        if (split.Directives.Count == 0)
        {
            byCell.Remove(cellId);
            return true;
        }
        byCell.TryGetValue(cellId, out var before);
        byCell[cellId] = split.Directives;
        var error = LoadAssemblies(split.Directives) ?? await LoadPackagesAsync(run, ct);
        if (error is null) return true;
        // A failed directive must not poison the set for the other cells.
        if (before is null) byCell.Remove(cellId);
        else byCell[cellId] = before;
        var line = split.Directives.FirstOrDefault(d => d.Kind == DirectiveKind.Package)?.Line ?? split.Directives[0].Line;
        run.Error("PackageError", error, line, 1);
        return false;
    }

    internal void Forget(string cellId) => byCell.Remove(cellId);

    private string? LoadAssemblies(IEnumerable<CellDirective> directives)
    {
        foreach (var directive in directives.Where(d => d.Kind == DirectiveKind.Assembly))
        {
            // Relative to the working directory, the project's files: an uploaded assembly is #r "name.dll".
            var path = Path.GetFullPath(directive.Value);
            if (!File.Exists(path)) return $"Assembly '{directive.Value}' was not found: upload it to the project's files.";
            Reference([path]);
        }
        return null;
    }

    private async Task<string?> LoadPackagesAsync(CellRun run, CancellationToken ct)
    {
        var union = CellDirectives.Union(byCell.Values);
        var request = new PackageRequest(
            union.Where(d => d.Kind == DirectiveKind.Package).Select(d => new PackageRequirement(d.Value, d.Version)).ToList(),
            union.Where(d => d.Kind == DirectiveKind.Feed).Select(d => d.Value).ToList());
        if (request.Packages.Count == 0 || Same(request, loaded)) return null;
        PackageResolution resolution;
        try
        {
            restore ??= options.Value.Packages.RestoreSocket is { Length: > 0 } socket
                ? RemotePackageRestore.Create(socket)
                : RestoreLoadContext.CreateRestorer(options.Value.Packages);
            resolution = await restore(request, line => run.Write(StreamNames.Stdout, line + "\n"), ct);
        }
        catch (PackageRestoreException e)
        {
            return e.Message;
        }
        var changed = resolution.Packages
            .Where(p => packageVersions.TryGetValue(p.Id, out var version) && version != p.Version)
            .Select(p => $"{p.Id} {packageVersions[p.Id]} is loaded; {p.Version} needs a kernel restart")
            .ToList();
        if (changed.Count > 0) return string.Join("; ", changed) + " (loaded assemblies cannot be replaced).";
        foreach (var p in resolution.Packages) packageVersions[p.Id] = p.Version;
        PackageAssemblyResolver.Register(resolution.Assemblies, resolution.NativeLibraries);
        Reference(resolution.Assemblies);
        loaded = request;
        return null;
    }

    private void Reference(IEnumerable<string> paths)
    {
        var added = paths.Where(referenced.Add).ToList();
        if (added.Count > 0) scripts.AddReferences(added);
    }

    private static bool Same(PackageRequest a, PackageRequest? b) =>
        b is not null && a.Packages.SequenceEqual(b.Packages) && a.Feeds.SequenceEqual(b.Feeds);
}
