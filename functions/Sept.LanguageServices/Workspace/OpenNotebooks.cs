using System.Collections.Concurrent;
using Sept.LanguageServices.Features;
using Sept.Notebooks.Cells;

namespace Sept.LanguageServices.Workspace;

/// <summary>The workspace and diagnostics cache of each project being edited, created on first use. The least
/// recently used are dropped beyond <see cref="Capacity"/> (a dropped one is rebuilt on its next request).</summary>
public sealed class OpenNotebooks(NotebookReferences references) : IDisposable
{
    public const int Capacity = 32;

    readonly ConcurrentDictionary<ProjectId, OpenNotebook> _open = new();

    public NotebookReferences References => references;

    public OpenNotebook Get(ProjectId project)
    {
        var open = _open.GetOrAdd(project, _ => new OpenNotebook(new NotebookWorkspace(references)));
        open.Touch();
        if (_open.Count > Capacity)
            foreach (var (id, stale) in _open.OrderBy(o => o.Value.LastUsed).Take(_open.Count - Capacity).ToList())
                if (id != project && _open.TryRemove(id, out _)) stale.Dispose();
        return open;
    }

    public void Dispose()
    {
        foreach (var open in _open.Values) open.Dispose();
        _open.Clear();
    }
}

/// <summary>One project's workspace and its diagnostics cache.</summary>
public sealed class OpenNotebook(NotebookWorkspace workspace) : IDisposable
{
    long _lastUsed = Environment.TickCount64;

    public NotebookWorkspace Workspace { get; } = workspace;

    public NotebookDiagnostics Diagnostics { get; } = new();

    public long LastUsed => Interlocked.Read(ref _lastUsed);

    internal void Touch() => Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);

    public void Dispose() => Workspace.Dispose();
}
