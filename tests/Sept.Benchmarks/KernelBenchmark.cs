namespace Sept.Benchmarks;

/// <summary>Kernel round trips and cascades against Jupyter: see KernelBench.</summary>
internal static class KernelBenchmark
{
    public static int Run() => KernelBench.RunAsync([]).GetAwaiter().GetResult();
}
