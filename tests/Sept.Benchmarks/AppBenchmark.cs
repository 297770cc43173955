namespace Sept.Benchmarks;

/// <summary>API throughput and end-to-end latency (filled in by the app work).</summary>
internal static class AppBenchmark
{
    public static int Run()
    {
        Console.WriteLine("app: not built yet");
        return 0;
    }
}
