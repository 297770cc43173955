using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Sept.Benchmarks;

/// <summary>One peer notebook kernel measured in the same run as Sept (jupyter_bench.py through python3-jupyter-client).</summary>
/// <param name="RoundTripMs">Trivial cell <c>1+1</c>, median.</param>
/// <param name="EditedMs">A trivial cell with new code each time (<c>1+i</c>), median.</param>
/// <param name="ChainMs">100 dependent cells, median of 3.</param>
/// <param name="TenMs">An input value then 10 cells reading it, median of 5.</param>
/// <param name="ColdStartMs">Kernel start to the first result.</param>
public sealed record PeerFigures(string Name, double RoundTripMs, double EditedMs, double ChainMs, double TenMs, double ColdStartMs);

/// <summary>Runs the peers scripts/bench installs: Jupyter's ipykernel and .NET Interactive's C# kernel.</summary>
public static class PeerKernels
{
    public static readonly (string Name, string Kernel, string Language)[] All =
        [("Jupyter ipykernel", "python3", "python"), (".NET Interactive C#", ".net-csharp", "csharp")];

    public static async Task<List<PeerFigures>> MeasureAllAsync()
    {
        var peers = new List<PeerFigures>();
        foreach (var (name, kernel, language) in All)
            if (await MeasureAsync(name, kernel, language) is { } figures) peers.Add(figures);
        return peers;
    }

    private static async Task<PeerFigures?> MeasureAsync(string name, string kernel, string language)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "jupyter_bench.py");
        // Debian's python3-ipykernel lives under /usr/bin; a pyenv python3 earlier on PATH would not see it.
        var python3 = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python3) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { script, kernel, language }) start.ArgumentList.Add(arg);
        try
        {
            using var python = Process.Start(start)!;
            var output = python.StandardOutput.ReadToEndAsync();
            var error = python.StandardError.ReadToEndAsync();
            await python.WaitForExitAsync();
            if (python.ExitCode != 0)
            {
                Console.WriteLine($"  {name}: NOT MEASURED ({(await error).Trim().Split('\n').LastOrDefault()}); scripts/bench installs it");
                return null;
            }
            using var json = JsonDocument.Parse((await output).Trim().Split('\n')[^1]);
            var r = json.RootElement;
            double Get(string key) => r.GetProperty(key).GetDouble();
            return new PeerFigures(name, Get("roundTripMs"), Get("editedMs"), Get("chainMs"), Get("tenMs"), Get("coldStartMs"));
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Console.WriteLine($"  {name}: NOT MEASURED (python3 not found)");
            return null;
        }
    }

    /// <summary>Prints Sept's figure against each peer's, with the ratio and whether it meets the target ratio.</summary>
    public static bool Compare(string what, double sept, IEnumerable<PeerFigures> peers, Func<PeerFigures, double> peer, double target)
    {
        var met = true;
        foreach (var p in peers)
        {
            var ratio = sept / peer(p);
            var ok = ratio <= target;
            met &= ok;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {what,-46} Sept {sept,8:0.0} ms  {p.Name,-20} {peer(p),8:0.0} ms  ratio {ratio,5:0.00}{(double.IsInfinity(target) ? "" : $" (target ≤ {target:0.0#}) {(ok ? "met" : "MISSED")}")}"));
        }
        return met;
    }
}
