using System.Runtime.ExceptionServices;

namespace Sept.Notebooks.Analysis;

/// <summary>Runs Roslyn work over user code on a thread with a large, fixed stack. Roslyn's parser and binder
/// guard themselves against deep recursion (they report "too complex" instead of overflowing), but only against
/// the stack they have: on a 1 MB request thread `"-" * 20000` overflows and the process dies.</summary>
public static class BoundedStack
{
    /// <summary>Enough for <see cref="SyntaxDepth.Max"/> levels of binding with room to spare (the stack is
    /// reserved, not committed, so idle pages cost nothing).</summary>
    public const int StackBytes = 64 * 1024 * 1024;

    public static T Run<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try { result = work(); }
            catch (Exception e) { failure = ExceptionDispatchInfo.Capture(e); }
        }, StackBytes) { IsBackground = true, Name = "sept-analysis" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }
}
