namespace Sept.Benchmarks;

/// <summary>Kernel round trips and cascades against Jupyter (filled in by the kernel work).</summary>
internal static class KernelBenchmark
{
    public static int Run()
    {
        Console.WriteLine("kernel: not built yet");
        return 0;
    }
}
