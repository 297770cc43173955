using Sept.Kernel.Protocol;

namespace Sept.Kernel.Hosting;

/// <summary>A kernel's whole environment: an allow-list, never the app's own (which holds Sept__* settings,
/// connection strings and tokens).</summary>
internal static class KernelEnvironment
{
    // Locale and time zone only; the kernel's log switch for diagnosing it.
    private static readonly string[] Inherited = ["LANG", "LC_ALL", "TZ", "SEPT_KERNEL_LOG"];

    public static Dictionary<string, string> For(KernelProcessOptions options, string secret, bool sandboxed, string home)
    {
        var env = new Dictionary<string, string>
        {
            ["PATH"] = sandboxed ? "/usr/local/bin:/usr/bin:/bin" : Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["HOME"] = home,
            ["TMPDIR"] = sandboxed ? "/tmp" : Path.GetTempPath(),
            ["DOTNET_TieredPGO"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        if (secret.Length > 0) env[KernelSecret.Variable] = secret;
        if (!sandboxed && Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root) env["DOTNET_ROOT"] = root;
        if (options.MemoryLimitBytes > 0) env["DOTNET_GCHeapHardLimit"] = $"0x{options.MemoryLimitBytes:X}";
        foreach (var name in Inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { } value) env[name] = value;
        }
        foreach (var (name, value) in options.Environment) env[name] = value;
        return env;
    }
}
