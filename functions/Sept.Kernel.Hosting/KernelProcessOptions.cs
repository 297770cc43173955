namespace Sept.Kernel.Hosting;

/// <summary>How to start one kernel process.</summary>
public sealed class KernelProcessOptions
{
    /// <summary>Path to Sept.Kernel.dll. Default: the SEPT_KERNEL_DLL environment variable, else Sept.Kernel.dll next to the app.</summary>
    public string? KernelDllPath { get; set; }

    /// <summary>The dotnet host used to run the dll.</summary>
    public string DotnetPath { get; set; } = "dotnet";

    /// <summary>How long to wait for the kernel's ready line.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Extra kernel settings passed as --Kernel:Name=Value (see KernelOptions in Sept.Kernel), e.g. MaxOutputBytes.</summary>
    public IDictionary<string, string> KernelSettings { get; } = new Dictionary<string, string>();

    /// <summary>Whether kernels run in a bubblewrap sandbox (docs/security.md). Auto: when bwrap works here, else
    /// without one (a warning at start, shown in /api/health). Required: refuse to start kernels without it.</summary>
    public KernelSandboxMode Sandbox { get; set; } = KernelSandboxMode.Auto;

    /// <summary>The bubblewrap executable.</summary>
    public string BubblewrapPath { get; set; } = "bwrap";

    /// <summary>Sandboxed kernels get no network at all (their own empty network namespace) unless this is set; with
    /// it they share the host's network, loopback services included.</summary>
    public bool AllowNetwork { get; set; }

    /// <summary>Managed heap limit per kernel (DOTNET_GCHeapHardLimit): a cell that needs more gets an
    /// OutOfMemoryException, the kernel lives on. 0: no limit.</summary>
    public long MemoryLimitBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Environment variables given to kernels on top of the fixed allow-list (KernelEnvironment). Nothing of
    /// the app's own environment reaches a kernel otherwise.</summary>
    public IDictionary<string, string> Environment { get; } = new Dictionary<string, string>();

    /// <summary>How the app restores <c>#r "nuget: …"</c> for its kernels (PackageRestoreChannel): PackagesDirectory
    /// (default the machine's global packages folder, mounted read-only into sandboxes), Offline, Timeout… The app's
    /// own NuGet configuration gives the feeds.</summary>
    public Sept.Kernel.Protocol.PackageRestoreOptions Packages { get; set; } = new();

    /// <summary>Sandboxed kernels only: the folder under which each kernel gets the directory it sees as /project, where
    /// a project's files folder is moved while the kernel serves it. It must be on the same file system as those
    /// folders (local hosting: the data directory). Default: a folder under the temp directory.</summary>
    public string? SlotsDirectory { get; set; }

    /// <summary>Starts the kernel as the session pool's container runs it: no sandbox, a loopback port and no secret
    /// (the pool is its front door). For the tests' session-pool stand-ins only.</summary>
    internal bool AsSessionContainer { get; set; }

    internal string ResolveDllPath()
    {
        var path = KernelDllPath ?? System.Environment.GetEnvironmentVariable("SEPT_KERNEL_DLL") ?? Path.Combine(AppContext.BaseDirectory, "Sept.Kernel.dll");
        return File.Exists(path)
            ? Path.GetFullPath(path)
            : throw new FileNotFoundException($"Kernel not found at {path}. Build functions/Sept.Kernel or set KernelDllPath / SEPT_KERNEL_DLL.", path);
    }
}

public enum KernelSandboxMode
{
    Auto,
    Required,
    Off,
}
