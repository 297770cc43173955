using System.Collections.Concurrent;

namespace Sept.Functions.Editor;

/// <summary>One editor request in flight per user, cell and kind: a newer completion (hover...) cancels the
/// one it replaces, so typing never queues work whose answer nobody will see.</summary>
public sealed class SupersededRequests
{
    readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    public Lease Begin(string key, CancellationToken aborted)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        _running.AddOrUpdate(key, source, (_, old) =>
        {
            try
            {
                old.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // It finished (and was disposed) while being replaced: nothing to cancel.
            }
            return source;
        });
        return new Lease(this, key, source);
    }

    public sealed class Lease(SupersededRequests owner, string key, CancellationTokenSource source) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            owner._running.TryRemove(new KeyValuePair<string, CancellationTokenSource>(key, source));
            source.Dispose();
        }
    }
}
