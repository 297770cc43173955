using System.Diagnostics;

namespace Sept.Benchmarks;

/// <summary>Wall-clock samples of one measured step, in milliseconds.</summary>
internal sealed class Timings
{
    private readonly List<double> _samples = [];

    public T Measure<T>(Func<T> step)
    {
        var start = Stopwatch.GetTimestamp();
        var result = step();
        _samples.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        return result;
    }

    public void Add(double milliseconds) => _samples.Add(milliseconds);

    public int Count => _samples.Count;

    /// <summary>The last <paramref name="count"/> samples (a window of a long session).</summary>
    public Timings Window(int count)
    {
        var window = new Timings();
        foreach (var sample in _samples.TakeLast(count)) window.Add(sample);
        return window;
    }

    public double Median => Percentile(50);
    public double P95 => Percentile(95);

    public double Percentile(double percent)
    {
        if (_samples.Count == 0) return double.NaN;
        var sorted = _samples.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }
}
