using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sept.Kernel.Hosting;

/// <summary>Whether kernels run sandboxed here, and why not when they don't.</summary>
public sealed record KernelSandboxStatus(bool Active, bool Network, string Description);

/// <summary>The bubblewrap sandbox of a kernel (docs/security.md): every namespace unshared (no network unless
/// allowed), an empty root with /usr, the dotnet runtime and the kernel's folder read-only, a private /tmp and /proc,
/// the kernel's own slot as /project (read-write) and its socket folder as /run/sept.</summary>
public static class KernelSandbox
{
    public const string ProjectPath = "/project";
    public const string FilesPath = "/project/files";
    public const string SocketFolder = "/run/sept";
    public const string SocketPath = "/run/sept/kernel.sock";

    private static readonly ConcurrentDictionary<string, string?> Probes = new();

    // Files next to the kernel that may hold the app's secrets (the kernel dll sits in the app's folder).
    private static readonly string[] Masked = ["appsettings*.json", "local.settings.json", "secrets.json", "*.user"];

    /// <summary>Whether sandboxed kernels can start here. Probed once per bwrap path (a sandboxed `true`).</summary>
    public static KernelSandboxStatus Check(KernelProcessOptions options)
    {
        if (options.Sandbox == KernelSandboxMode.Off) return new(false, true, "off (Sept:Kernel:Process:Sandbox = Off)");
        var problem = Probes.GetOrAdd(options.BubblewrapPath, Probe);
        if (problem is null)
            return new(true, options.AllowNetwork, options.AllowNetwork ? "bubblewrap, host network" : "bubblewrap, no network");
        if (options.Sandbox == KernelSandboxMode.Required)
            throw new InvalidOperationException($"Kernel sandbox required (Sept:Kernel:Process:Sandbox = Required) but unavailable: {problem}");
        return new(false, true, $"none: {problem}");
    }

    private static string? Probe(string bwrap)
    {
        if (!OperatingSystem.IsLinux()) return "bubblewrap needs Linux";
        if (Executable.Find(bwrap) is not { } path) return $"'{bwrap}' not found (apt-get install bubblewrap)";
        var start = new ProcessStartInfo(path) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in BaseArguments(network: false)) start.ArgumentList.Add(arg);
        start.ArgumentList.Add("/usr/bin/true");
        try
        {
            using var probe = Process.Start(start)!;
            var error = probe.StandardError.ReadToEndAsync();
            if (!probe.WaitForExit(10_000))
            {
                probe.Kill(entireProcessTree: true);
                return "bwrap did not answer";
            }
            return probe.ExitCode == 0 ? null : $"bwrap failed ({error.Result.Trim()}); user namespaces may be disabled";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return $"bwrap could not run: {e.Message}";
        }
    }

    /// <summary>bwrap arguments for one kernel; the caller appends the command.</summary>
    internal static List<string> Arguments(KernelProcessOptions options, string dotnet, string kernelDll, string slot, string socketFolder)
    {
        var args = BaseArguments(options.AllowNetwork);
        if (options.AllowNetwork)
        {
            foreach (var file in new[] { "/etc/resolv.conf", "/etc/hosts", "/etc/nsswitch.conf", "/etc/ssl", "/etc/ca-certificates" })
                args.AddRange(["--ro-bind-try", file, file]);
        }
        var dotnetRoot = Path.GetDirectoryName(dotnet)!;
        if (!dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal)) args.AddRange(["--ro-bind", dotnetRoot, dotnetRoot]);
        var kernelFolder = Path.GetDirectoryName(kernelDll)!;
        args.AddRange(["--ro-bind", kernelFolder, kernelFolder]);
        foreach (var pattern in Masked)
        {
            foreach (var file in Directory.EnumerateFiles(kernelFolder, pattern)) args.AddRange(["--ro-bind", "/dev/null", file]);
        }
        // Packages the app restored for this kernel (PackageRestoreChannel), read-only at the paths its resolutions name.
        var packages = PackageRestoreChannel.PackagesDirectory(options.Packages);
        Directory.CreateDirectory(packages);
        args.AddRange(["--ro-bind", packages, packages]);
        args.AddRange(["--bind", slot, ProjectPath, "--bind", socketFolder, SocketFolder, "--chdir", ProjectPath, "--"]);
        return args;
    }

    private static List<string> BaseArguments(bool network)
    {
        List<string> args = ["--unshare-all"];
        if (network) args.Add("--share-net");
        // No --die-with-parent: its signal fires when the *thread* that started bwrap ends (a pool thread, any time).
        // The kernel exits on its own when its stdin closes instead (ParentWatch).
        args.AddRange(["--new-session", "--ro-bind", "/usr", "/usr"]);
        // Merged-/usr systems have /bin, /lib… as links into /usr; others get them read-only.
        foreach (var top in new[] { "/bin", "/sbin", "/lib", "/lib32", "/lib64" })
        {
            var info = new DirectoryInfo(top);
            if (!info.Exists) continue;
            if (info.LinkTarget is { } target) args.AddRange(["--symlink", target, top]);
            else args.AddRange(["--ro-bind", top, top]);
        }
        args.AddRange(["--ro-bind-try", "/etc/localtime", "/etc/localtime", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp"]);
        return args;
    }
}

internal static class Executable
{
    /// <summary>The full path of a command (as the shell would find it on PATH), symbolic links resolved.</summary>
    public static string? Find(string command)
    {
        var candidates = Path.IsPathRooted(command) || command.Contains('/')
            ? [Path.GetFullPath(command)]
            : (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(d => Path.Combine(d, command));
        foreach (var candidate in candidates)
        {
            if (!File.Exists(candidate)) continue;
            return new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? candidate;
        }
        return null;
    }
}
