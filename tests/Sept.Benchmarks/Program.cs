// scripts/bench <analysis|kernel|app|packages|editor|sandbox|all>: each benchmark lives in its own file and prints its figures
// with the ratio against its target.
using Sept.Benchmarks;

var benchmarks = new Dictionary<string, Func<int>>(StringComparer.OrdinalIgnoreCase)
{
    ["analysis"] = AnalysisBenchmark.Run,
    ["kernel"] = KernelBenchmark.Run,
    ["app"] = AppBenchmark.Run,
    ["packages"] = PackagesBench.Run,
    ["editor"] = EditorBenchmark.Run,
    ["sandbox"] = SandboxBenchmark.Run,
};

var name = args.Length > 0 ? args[0] : "all";
if (name.Equals("all", StringComparison.OrdinalIgnoreCase))
    return benchmarks.Values.Select(run => run()).Max();
if (benchmarks.TryGetValue(name, out var benchmark))
    return benchmark();
Console.Error.WriteLine($"unknown benchmark '{name}'; usage: scripts/bench <{string.Join('|', benchmarks.Keys)}|all>");
return 2;
